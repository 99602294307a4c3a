import Image from 'next/image';
import { Gamepad2 } from 'lucide-react';
import type { ProductImage } from '@/lib/catalog/types';

/** The cover large, further images as a strip below; covers are SVG, served as they are. */
export function ProductGallery({ images, title }: { images: ProductImage[]; title: string }) {
  const [cover, ...rest] = images;
  if (!cover) {
    return (
      <div className="flex aspect-[3/4] items-center justify-center rounded-lg border bg-muted text-muted-foreground">
        <Gamepad2 className="size-16" aria-hidden="true" />
        <span className="sr-only">No image of {title} yet</span>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <div className="relative aspect-[3/4] overflow-hidden rounded-lg border bg-muted">
        <Image
          src={cover.url}
          alt={cover.alt}
          fill
          unoptimized
          priority
          sizes="(min-width: 1024px) 40vw, 100vw"
          className="object-cover"
        />
      </div>
      {rest.length > 0 && (
        <ul role="list" className="grid grid-cols-4 gap-2" aria-label={`More images of ${title}`}>
          {rest.map((image) => (
            <li
              key={image.url}
              className="relative aspect-[3/4] overflow-hidden rounded-md border bg-muted"
            >
              <Image
                src={image.url}
                alt={image.alt}
                fill
                unoptimized
                sizes="10vw"
                className="object-cover"
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
