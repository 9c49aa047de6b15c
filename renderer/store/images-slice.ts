import type { StateCreator } from 'zustand';
import type { Response } from '../../src-core/api/contract';
import type { ErrorPayload } from '../../src-core/api/errors';
import type { AppImageView } from '../../src-core/api/images';
import type { AppState } from './app-state';

export interface ImagesSlice {
  /** Launchable images per engine. */
  images: Record<string, AppImageView[]>;
  imageErrors: Record<string, ErrorPayload>;
  /** By image name and by image id, across engines: rows look their application up here. */
  imageIndex: Record<string, AppImageView>;
  loadImages(listing: Response<'images.list'>): void;
}

export const createImagesSlice: StateCreator<AppState, [], [], ImagesSlice> = (set) => ({
  images: {},
  imageErrors: {},
  imageIndex: {},
  loadImages: (listing) =>
    set((s) => {
      const images = { ...s.images };
      const imageErrors = { ...s.imageErrors };
      for (const entry of listing.engines) {
        if (entry.error) imageErrors[entry.engine] = entry.error;
        else {
          delete imageErrors[entry.engine];
          images[entry.engine] = entry.images;
        }
      }
      const imageIndex: Record<string, AppImageView> = {};
      for (const list of Object.values(images))
        for (const image of list) imageIndex[image.name] = imageIndex[image.id] = image;
      return { images, imageErrors, imageIndex };
    }),
});

/** The application's name as operators know it: the image's ui_name, else its name. */
export function applicationName(image: AppImageView | undefined, fallback: string): string {
  return image?.uiName || fallback;
}
