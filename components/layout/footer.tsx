import Link from 'next/link';
import { ArcadeMark } from './site-logo';

const footerLinks = [
  { href: '/products', label: 'Browse games' },
  { href: '/search', label: 'Search' },
  { href: '/cart', label: 'Cart' },
  { href: '/account', label: 'Account' },
  { href: '/orders', label: 'Orders' },
] as const;

export function Footer() {
  return (
    <footer className="mt-16 border-t bg-card/40">
      <div className="container-shop flex flex-col gap-6 py-8 md:flex-row md:items-center md:justify-between">
        <div className="flex items-center gap-3">
          <ArcadeMark className="size-7" />
          <p className="text-sm text-muted-foreground">
            An open-source storefront for digital games.
          </p>
        </div>
        <nav aria-label="Footer">
          <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
            {footerLinks.map((link) => (
              <li key={link.href}>
                <Link
                  href={link.href}
                  prefetch={false}
                  className="rounded-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
                >
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div className="border-t">
        <p className="container-shop py-4 text-xs text-muted-foreground">© Arcade</p>
      </div>
    </footer>
  );
}
