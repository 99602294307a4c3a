import Link from 'next/link';
import type { ReactNode } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

/** The card of the sign-in pages; its title is the page's heading, so it is the `h1`. */
export function AuthCard({
  title,
  description,
  contentClassName = 'grid gap-4',
  children,
}: {
  title: ReactNode;
  description: ReactNode;
  contentClassName?: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          {title}
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className={contentClassName}>{children}</CardContent>
    </Card>
  );
}

/** The line under a form that leads to its neighbour: "New here? Create an account". */
export function AuthCardLink({
  prompt,
  href,
  children,
}: {
  prompt: string;
  href: string;
  children: ReactNode;
}) {
  return (
    <p className="text-center text-sm text-muted-foreground">
      {prompt}{' '}
      <Link href={href} className="text-neon underline-offset-4 hover:underline">
        {children}
      </Link>
    </p>
  );
}
