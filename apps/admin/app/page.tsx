import { policySchema } from '@allot/engine';

export default function Home() {
  return <main>allot — {Object.keys(policySchema).length}</main>;
}
