import React, { useEffect, useState } from "react";

interface Props { html: string; url?: string }

export function Widget({ html, url = "" }: Props): JSX.Element {
  const [n, setN] = useState<number>(0);
  useEffect(() => { window.location.href = url; }, [url]);
  return (
    <div onClick={() => setN(n + 1)} dangerouslySetInnerHTML={{ __html: html }}>
      <a href={`javascript:${url}`} target="_blank">link</a>
      <iframe srcDoc={html} />
      {n > 1 ? <span>{n}</span> : null}
    </div>
  );
}
