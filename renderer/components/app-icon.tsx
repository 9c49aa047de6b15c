import type { AppImageView } from '../../src-core/api/images';

/** The image's icon_128 label (base64 PNG), else the name's first letter. */
export function AppIcon({ image, name }: { image: AppImageView | undefined; name: string }) {
  if (image?.icon128)
    return <img className="app-icon" src={`data:image/png;base64,${image.icon128}`} alt="" />;
  return (
    <span className="app-icon letter" aria-hidden="true">
      {name.replace(/^.*\//, '').charAt(0).toUpperCase()}
    </span>
  );
}
