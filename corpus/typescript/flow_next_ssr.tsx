// A Next.js page (TypeScript): the server-side loader's context is the request's.
import type { GetServerSideProps } from "next";

type Props = { html: string };

export const getServerSideProps: GetServerSideProps<Props> = async (context) => {
  const source = context.query.source as string;
  // ruleid: js.ssrf
  const res = await fetch(source);
  // ok: js.ssrf
  const banner = await fetch("https://cms.example.com/banner");
  return { props: { html: (await res.text()) + (await banner.text()) } };
};

export default function Page({ html }: Props) {
  return <pre>{html}</pre>;
}
