import type { CSSProperties } from 'react';
import { cn } from '@/components/ui/cn';
import { formatCompactNumber, formatCount, formatRating } from '@/lib/format/number';

type RatingStarsProps = {
  /** Average on a 0–5 scale. */
  rating: number;
  ratingCount: number;
  className?: string;
};

/** Five stars filled to the average, announced as one sentence rather than five images. */
export function RatingStars({ rating, ratingCount, className }: RatingStarsProps) {
  if (ratingCount <= 0) {
    return <p className={cn('text-xs text-muted-foreground', className)}>No ratings yet</p>;
  }
  const value = Math.min(5, Math.max(0, rating));
  const label = `Rated ${formatRating(value)} out of 5 from ${formatCount(ratingCount)} ${
    ratingCount === 1 ? 'rating' : 'ratings'
  }`;
  const fill = { '--rating-fill': `${(value / 5) * 100}%` } as CSSProperties;
  return (
    <div className={cn('flex items-center gap-1.5 text-xs', className)}>
      <span role="img" aria-label={label} className="rating-stars text-sm" style={fill} />
      <span aria-hidden="true" className="text-muted-foreground">
        <span className="font-semibold text-foreground">{formatRating(value)}</span> (
        {formatCompactNumber(ratingCount)})
      </span>
    </div>
  );
}
