import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../components/states';
import { isAgencyUser, useMe } from './auth';

/** Sends visitors to the login page, and each side of the house to its own area. */
export function RequireRole({ agency }: { agency: boolean }) {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <LoadingState />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (isAgencyUser(me) !== agency) return <Navigate to={isAgencyUser(me) ? '/queue' : '/portal'} replace />;
  return <Outlet />;
}

export function HomeRedirect() {
  const { data: me, isPending } = useMe();
  if (isPending) return <LoadingState />;
  if (!me) return <Navigate to="/login" replace />;
  return <Navigate to={isAgencyUser(me) ? '/queue' : '/portal'} replace />;
}
