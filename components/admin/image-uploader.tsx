'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { FadingNotice } from './fading';

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Uploads through the JSON API's multipart endpoint (server actions cap bodies at 1 MB). The
 * server decides what an image is; the checks here only save a round trip.
 */
export function ImageUploader({ productId }: { productId: string }) {
  const router = useRouter();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(null);
    const data = new FormData(event.currentTarget);
    const file = data.get('image');
    if (!(file instanceof File) || file.size === 0) return setError('Choose an image to upload.');
    if (file.size > MAX_BYTES) return setError('The image is larger than 5 MB.');
    setPending(true);
    try {
      const res = await fetch(`/api/v1/admin/products/${productId}/images`, {
        method: 'POST',
        body: data,
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as {
          error?: { message?: string };
        } | null;
        setError(body?.error?.message ?? 'The upload failed. Try again.');
        return;
      }
      form.current?.reset();
      setDone('Image uploaded.');
      router.refresh();
    } catch {
      setError('The upload failed. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      ref={form}
      onSubmit={onSubmit}
      aria-label="Upload an image"
      className="grid gap-3"
      noValidate
    >
      {error ? (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      {done ? (
        <FadingNotice>
          <Alert variant="success">
            <AlertDescription>{done}</AlertDescription>
          </Alert>
        </FadingNotice>
      ) : null}
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-file`}>Image file</Label>
        <Input
          id={`${id}-file`}
          name="image"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
        />
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          PNG, JPEG or WebP, up to 5 MB.
        </p>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-alt`}>Description for screen readers</Label>
        <Input id={`${id}-alt`} name="alt" maxLength={200} />
      </div>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? 'Uploading…' : 'Upload image'}
        </Button>
      </div>
    </form>
  );
}
