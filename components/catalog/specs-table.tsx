type SpecsTableProps = {
  specs: Record<string, string>;
  /** Facts every game has, listed before its free-form specs. */
  facts: Array<[string, string]>;
};

export function SpecsTable({ specs, facts }: SpecsTableProps) {
  const known = new Set(facts.map(([name]) => name));
  const rows = [...facts, ...Object.entries(specs).filter(([name]) => !known.has(name))].filter(
    ([, value]) => value,
  );
  return (
    <table className="w-full text-sm" data-testid="specs-table">
      <caption className="sr-only">Specifications</caption>
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name} className="border-b last:border-b-0">
            <th
              scope="row"
              className="w-2/5 py-2.5 pr-4 text-left align-top font-medium text-muted-foreground"
            >
              {name}
            </th>
            <td className="py-2.5 align-top">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
