import React, { useEffect } from "react";

type Props = { onTick: () => void; script?: string };

export function Ticker({ onTick, script }: Props) {
  useEffect(() => {
    // ok: js.timer-string-code
    const id = setInterval(onTick, 1000);
    if (script) {
      // ruleid: js.eval-dynamic
      eval(script);
      // ruleid: js.new-function-dynamic
      const fn = new Function("React", script);
    }
    return () => clearInterval(id);
  }, [onTick, script]);
  return <span>tick</span>;
}
