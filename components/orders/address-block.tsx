import { cn } from '@/components/ui/cn';

export type PostalAddress = {
  name: string;
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  country: string;
};

/** A shipping address as the shopper's and the staff's order pages both show it. */
export function AddressBlock({
  address,
  className,
}: {
  address: PostalAddress;
  className?: string;
}) {
  return (
    <address className={cn('not-italic', className)}>
      {address.name}
      <br />
      {address.line1}
      {address.line2 && (
        <>
          <br />
          {address.line2}
        </>
      )}
      <br />
      {address.postalCode} {address.city}
      <br />
      {address.country}
    </address>
  );
}
