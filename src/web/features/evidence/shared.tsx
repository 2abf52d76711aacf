// Small pieces the evidence screens share: sizes, labels of roles, kinds and statuses,
// an image drawn from decrypted bytes, and the timestamp state of an item.
import { useEffect, useRef } from 'react';
import type { EvidenceFileRole, IntegrityStatus } from '../../../common/evidence/vocabulary.ts';
import type { TranslationKey } from '../../../common/i18n/index.ts';
import { useI18n, type I18n } from '../../app/i18n.tsx';
import type { EvidenceItem } from './api.ts';

export const EVIDENCE_ITEM_PATH = /^\/app\/evidence\/([0-9a-f-]{36})$/;

export function sizeText(bytes: number, t: I18n['t']): string {
  if (bytes < 1024) return t('evidence.size.bytes', { size: bytes });
  if (bytes < 1024 * 1024) return t('evidence.size.kilobytes', { size: Math.round(bytes / 1024) });
  if (bytes < 1024 * 1024 * 1024)
    return t('evidence.size.megabytes', { size: Math.round((bytes / 1024 / 1024) * 10) / 10 });
  return t('evidence.size.gigabytes', {
    size: Math.round((bytes / 1024 / 1024 / 1024) * 100) / 100,
  });
}

const ROLE_KEYS: Record<EvidenceFileRole, TranslationKey> = {
  original: 'evidence.role.original',
  working: 'evidence.role.working',
  thumbnail: 'evidence.role.thumbnail',
  screenshot: 'evidence.role.screenshot',
  html: 'evidence.role.html',
  mhtml: 'evidence.role.mhtml',
  capture_metadata: 'evidence.role.capture_metadata',
};

export function roleLabel(role: EvidenceFileRole, t: I18n['t']): string {
  return t(ROLE_KEYS[role]);
}

const INTEGRITY_KEYS: Record<IntegrityStatus, TranslationKey> = {
  unchecked: 'evidence.integrity.unchecked',
  intact: 'evidence.integrity.intact',
  corrupt: 'evidence.integrity.corrupt',
  missing: 'evidence.integrity.missing',
};

export function IntegrityBadge({ status }: { status: IntegrityStatus }) {
  const { t } = useI18n();
  const kind =
    status === 'intact' ? 'badge-active' : status === 'unchecked' ? 'badge-pending' : 'badge-off';
  return (
    <span className={`badge evidence-badge ${kind}`} data-testid="integrity-status">
      {t(INTEGRITY_KEYS[status])}
    </span>
  );
}

export function TimestampBadge({ item }: { item: EvidenceItem }) {
  const { t, dateTime } = useI18n();
  const stamp = item.timestamps[0];
  if (!stamp) {
    return (
      <span className="badge evidence-badge badge-pending" data-testid="timestamp-status">
        {t('evidence.timestamp.none')}
      </span>
    );
  }
  return (
    <span
      className={
        stamp.verified ? 'badge evidence-badge badge-active' : 'badge evidence-badge badge-warning'
      }
      data-testid="timestamp-status"
    >
      {t('evidence.timestamp.stamped', { date: dateTime(stamp.genTime) })}
    </span>
  );
}

/**
 * A decoded image drawn on a canvas: the CSP (img-src 'self') refuses blob: URLs, and a
 * bitmap decoded from bytes we hold loads nothing from anywhere.
 */
export function BitmapView({
  bitmap,
  label,
  className,
  testId,
}: {
  bitmap: ImageBitmap;
  label: string;
  className: string;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    canvas.current?.getContext('2d')?.drawImage(bitmap, 0, 0);
  }, [bitmap]);
  return (
    <canvas
      ref={canvas}
      className={className}
      width={bitmap.width}
      height={bitmap.height}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}

/** The item's title for a screen: the sealed title, the file name, or a placeholder. */
export function itemTitle(
  meta: { title: string; originalName: string } | null,
  t: I18n['t'],
): string {
  if (!meta) return t('evidence.unreadable');
  return meta.title || meta.originalName || t('evidence.untitled');
}

/** Who collected an item: the member's (decrypted) name, or the server's label for it. */
export function collectorName(
  item: { collectedBy: string | null; collectedByName: string | null },
  memberName: (id: string | null) => string,
): string {
  if (item.collectedBy) return memberName(item.collectedBy);
  return item.collectedByName ?? memberName(null);
}
