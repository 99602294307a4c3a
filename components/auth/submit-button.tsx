'use client';

import { LoaderCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button, type ButtonProps } from '@/components/ui/button';

type SubmitButtonProps = Omit<ButtonProps, 'type' | 'children'> & {
  pending: boolean;
  children: ReactNode;
  pendingLabel: ReactNode;
};

/** Disabled while its form's action runs, with the pending label announced to screen readers. */
export function SubmitButton({ pending, children, pendingLabel, ...props }: SubmitButtonProps) {
  return (
    <Button type="submit" disabled={pending} aria-busy={pending || undefined} {...props}>
      {pending ? (
        <>
          <LoaderCircle className="animate-spin" aria-hidden="true" />
          <span aria-live="polite">{pendingLabel}</span>
        </>
      ) : (
        children
      )}
    </Button>
  );
}
