import { AccountMenu } from './account-menu';
import { CartLink } from './cart-link';
import { MainNav } from './main-nav';
import { MobileMenu } from './mobile-menu';
import { SearchForm } from './search-form';
import { SiteLogo } from './site-logo';

/**
 * The site header. It reads no cookies or session on the server: everything per-user (account,
 * cart count) is fetched by client islands, so catalog pages under it stay static and cacheable.
 */
export function Header() {
  return (
    <header
      data-testid="site-header"
      className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/75"
    >
      {/* One search form for every width: on phones it wraps onto its own row below the logo. */}
      <div className="container-shop flex flex-wrap items-center gap-x-2 gap-y-2 py-2.5 md:flex-nowrap md:gap-x-6 md:py-3">
        <MobileMenu className="md:hidden" />
        <SiteLogo />
        <MainNav className="hidden md:block" />
        <SearchForm className="order-last w-full md:order-none md:w-auto md:max-w-xl md:flex-1" />
        <div className="ml-auto flex items-center gap-2">
          <CartLink />
          <AccountMenu className="hidden md:flex" />
        </div>
      </div>
    </header>
  );
}
