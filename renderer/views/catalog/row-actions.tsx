/** A catalog row's actions: stop its containers on every engine, remove it (editable catalogs only). */
export function RowActions({
  canStop,
  canRemove,
  onStop,
  onRemove,
}: {
  canStop: boolean;
  canRemove: boolean;
  onStop(): void;
  onRemove(): void;
}) {
  return (
    <td className="actions">
      <button type="button" disabled={!canStop} onClick={onStop}>
        Stop containers
      </button>
      {canRemove && (
        <button type="button" className="danger" onClick={onRemove}>
          Remove
        </button>
      )}
    </td>
  );
}
