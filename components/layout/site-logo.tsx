import Link from 'next/link';
import { cn } from '@/components/ui/cn';

/** The Arcade mark; the same drawing as public/logo.svg and public/favicon.svg. */
export function ArcadeMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn('size-8', className)}>
      <rect width="32" height="32" rx="8" fill="#1a1727" />
      <rect
        x="1"
        y="1"
        width="30"
        height="30"
        rx="7"
        fill="none"
        stroke="#ff5cd6"
        strokeWidth="2"
      />
      <path d="M9 23 16 8l7 15h-4.2L16 16.6 13.2 23Z" fill="#ff5cd6" />
      <circle cx="16" cy="25" r="1.8" fill="#22d3ee" />
    </svg>
  );
}

export function SiteLogo({ className }: { className?: string }) {
  return (
    <Link
      href="/"
      aria-label="Arcade home"
      className={cn(
        'flex shrink-0 items-center gap-2 rounded-md text-lg font-extrabold tracking-tight',
        className,
      )}
    >
      <ArcadeMark />
      <span>
        Arc<span className="text-primary">ade</span>
      </span>
    </Link>
  );
}
