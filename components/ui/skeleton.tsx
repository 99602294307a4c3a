import type { ComponentProps } from 'react';
import { cn } from './cn';

/** A placeholder block; hidden from assistive tech, so wrap groups in an element that announces loading. */
export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      aria-hidden="true"
      className={cn('animate-pulse rounded-md bg-muted', className)}
      {...props}
    />
  );
}
