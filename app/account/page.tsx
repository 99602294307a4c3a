import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { ProfileForm } from '@/components/auth/profile-form';
import { SessionsList } from '@/components/auth/sessions-list';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { listSessions, requirePageUser } from '@/lib/auth';
import {
  changePasswordAction,
  revokeSessionAction,
  signOutAction,
  signOutEverywhereAction,
  updateProfileAction,
} from './actions';

export const metadata: Metadata = { title: 'Your account', robots: { index: false } };

export default async function AccountPage() {
  const user = await requirePageUser('/account');
  const sessions = await listSessions(user.id, user.sid);
  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6 px-4 py-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Your account</h1>
          <p className="text-muted-foreground">Signed in as {user.email}</p>
        </div>
        <form action={signOutAction}>
          <Button type="submit" variant="outline">
            Sign out
          </Button>
        </form>
      </div>

      <Card aria-labelledby="profile-heading">
        <CardHeader>
          <CardTitle id="profile-heading">Profile</CardTitle>
        </CardHeader>
        <CardContent>
          <ProfileForm action={updateProfileAction} name={user.name} email={user.email} />
        </CardContent>
      </Card>

      <Card aria-labelledby="password-heading">
        <CardHeader>
          <CardTitle id="password-heading">Password</CardTitle>
          <CardDescription>Changing it signs out every other device.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm action={changePasswordAction} />
        </CardContent>
      </Card>

      <Card aria-labelledby="sessions-heading">
        <CardHeader>
          <CardTitle id="sessions-heading">Active sessions</CardTitle>
          <CardDescription>
            Where your account is signed in. Sign out anything you don’t recognise.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SessionsList
            sessions={sessions}
            revokeAction={revokeSessionAction}
            signOutEverywhereAction={signOutEverywhereAction}
          />
        </CardContent>
      </Card>
    </div>
  );
}
