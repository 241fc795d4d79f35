/** A staff member by name with the id in small print. */
import type { Names } from '../describe';

/** A staff member by name with the id in small print; the id alone when no name is known. */
export function PersonName({ staffId, names, href }: { staffId: string | null | undefined; names: Names; href?: string | undefined }) {
  if (staffId === null || staffId === undefined || staffId === '') return <>—</>;
  const name = names.get(staffId);
  const body =
    name === null || name === undefined || name === '' ? (
      <>{staffId}</>
    ) : (
      <>
        {name}
        <span className="small-id">{staffId}</span>
      </>
    );
  return href === undefined ? (
    <span data-staff={staffId}>{body}</span>
  ) : (
    <a href={href} data-staff={staffId}>
      {body}
    </a>
  );
}
