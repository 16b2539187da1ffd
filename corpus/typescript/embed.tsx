import { useEffect } from "react";

export function AuthBridge({ token }: { token: string }) {
  useEffect(() => {
    // ruleid: js.postmessage-any-origin
    window.parent.postMessage({ kind: "auth", jwt: token }, "*");
    // ok: js.postmessage-any-origin
    window.parent.postMessage({ kind: "ready" }, "*");
  }, [token]);
  return null;
}
