// Who is signed in (GET /api/me) and the keys unlocked in this tab. The session cookie
// survives a reload; the keys do not — like a locked password vault, the person
// unlocks with their password again.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { BoxKeyPair } from '../../common/crypto/index.ts';
import type { Permission } from '../../common/policy/permissions.ts';
import { ApiError, setSessionEndedHandler } from '../api/client.ts';
import { api, type Me } from '../api/endpoints.ts';
import { forget, openOrgKey } from '../lib/keys.ts';
import { useI18n } from './i18n.tsx';
import { navigate } from './router.tsx';

export interface Keys {
  member: BoxKeyPair;
  /** Null until an admin grants the organisation key, or if the grant could not be opened. */
  org: BoxKeyPair | null;
}

/** Why the login page is shown: a message for the person. */
export type SignOutReason = 'expired' | 'signedOut' | 'passwordChanged' | 'sessionEnded';

export type SessionStatus = 'loading' | 'offline' | 'signedOut' | 'signedIn';

export interface Session {
  status: SessionStatus;
  me: Me | null;
  keys: Keys | null;
  /** The organisation key from the server did not match: shown as a warning. */
  keyProblem: boolean;
  /** The person chose to continue without unlocking (names and sealed data stay hidden). */
  browsingLocked: boolean;
  signOutReason: SignOutReason | null;
  can(permission: Permission): boolean;
  /** After login, setup, invitation or unlock: `member` is the unwrapped member key pair. */
  signedIn(me: Me, member: BoxKeyPair, options?: { interactive?: boolean }): void;
  refresh(): Promise<Me | null>;
  setMe(me: Me): void;
  lock(): void;
  continueLocked(): void;
  signOut(reason?: SignOutReason): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<Session | null>(null);

function openOrg(me: Me, member: BoxKeyPair): { org: BoxKeyPair | null; problem: boolean } {
  try {
    return { org: openOrgKey(me, member), problem: false };
  } catch {
    // A grant that does not open (DecryptionError), or opens to another organisation's
    // key (KeyMismatchError), is a warning sign: never use it, and say so.
    return { org: null, problem: true };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale } = useI18n();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [keys, setKeys] = useState<Keys | null>(null);
  const [keyProblem, setKeyProblem] = useState(false);
  const [browsingLocked, setBrowsingLocked] = useState(false);
  const [signOutReason, setSignOutReason] = useState<SignOutReason | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Read by callbacks that must not change identity (the 401 handler, refresh).
  const statusRef = useRef(status);
  const keysRef = useRef(keys);
  const localeRef = useRef(locale);
  useLayoutEffect(() => {
    statusRef.current = status;
    keysRef.current = keys;
    localeRef.current = locale;
  });

  const clear = useCallback((reason: SignOutReason | null) => {
    const held = keysRef.current;
    if (held) forget(held.member.privateKey, ...(held.org ? [held.org.privateKey] : []));
    setKeys(null);
    setMe(null);
    setKeyProblem(false);
    setBrowsingLocked(false);
    setSignOutReason(reason);
    setStatus('signedOut');
  }, []);

  useEffect(() => {
    setSessionEndedHandler(() => {
      if (statusRef.current !== 'signedIn') return;
      clear('expired');
      navigate('/app/login', { replace: true });
    });
  }, [clear]);

  useEffect(() => {
    let cancelled = false;
    api.me().then(
      (loaded) => {
        if (cancelled) return;
        setMe(loaded);
        setLocale(loaded.member.locale);
        setStatus('signedIn');
      },
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 401) setStatus('signedOut');
        else setStatus('offline');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt, setLocale]);

  const signedIn = useCallback<Session['signedIn']>(
    (loaded, member, options = {}) => {
      const opened = openOrg(loaded, member);
      setMe(loaded);
      setKeys({ member, org: opened.org });
      setKeyProblem(opened.problem);
      setBrowsingLocked(false);
      setSignOutReason(null);
      setStatus('signedIn');
      if (options.interactive && loaded.member.locale !== localeRef.current) {
        // The language picked on this page wins over the stored one; remember it.
        api.updateMe(localeRef.current).then(setMe, () => undefined);
      } else if (!options.interactive) {
        setLocale(loaded.member.locale);
      }
    },
    [setLocale],
  );

  const refresh = useCallback(async () => {
    const loaded = await api.me();
    setMe(loaded);
    const held = keysRef.current;
    if (held && !held.org && loaded.keyGrant) {
      const opened = openOrg(loaded, held.member);
      setKeys({ member: held.member, org: opened.org });
      setKeyProblem(opened.problem);
    }
    return loaded;
  }, []);

  const lock = useCallback(() => {
    const held = keysRef.current;
    if (held) forget(held.member.privateKey, ...(held.org ? [held.org.privateKey] : []));
    setKeys(null);
    setBrowsingLocked(false);
  }, []);

  const signOut = useCallback(
    async (reason: SignOutReason = 'signedOut') => {
      await api.logout().catch(() => undefined);
      clear(reason);
      navigate('/app/login', { replace: true });
    },
    [clear],
  );

  const value = useMemo<Session>(
    () => ({
      status,
      me,
      keys,
      keyProblem,
      browsingLocked,
      signOutReason,
      can: (permission) => me?.permissions.includes(permission) ?? false,
      signedIn,
      refresh,
      setMe,
      lock,
      continueLocked: () => setBrowsingLocked(true),
      signOut,
      retry: () => {
        setStatus('loading');
        setAttempt((n) => n + 1);
      },
    }),
    [status, me, keys, keyProblem, browsingLocked, signOutReason, signedIn, refresh, lock, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
