import type { ReactNode } from 'react';

type Header = {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
};

export function PageHeader({ title, description, actions }: Header) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div className="grid gap-1">
        <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
        {description ? <p className="text-muted-foreground">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

/** Every admin page: its header, then its sections at one rhythm. */
export function AdminPage({ children, ...header }: Header & { children: ReactNode }) {
  return (
    <div className="grid gap-6">
      <PageHeader {...header} />
      {children}
    </div>
  );
}
