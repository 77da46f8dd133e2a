package postgres

import (
	"context"
	"time"
)

// AcquireLease takes the named lease for holder, or renews it, until
// now+ttl, and reports whether holder has it. A lease whose holder did not
// renew it in time goes to whoever asks next. Leases run by the database's
// clock, which every replica shares.
func (s *Store) AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	tag, err := s.pool.Exec(ctx, `INSERT INTO leases (name, holder, expires_at)
		VALUES ($1, $2, now() + $3::bigint * interval '1 microsecond')
		ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
		WHERE leases.holder = EXCLUDED.holder OR leases.expires_at <= now()`,
		name, holder, ttl.Microseconds())
	if err != nil {
		return false, s.fail("acquire lease "+name, err)
	}
	return tag.RowsAffected() == 1, nil
}

// ReleaseLease gives the lease up if holder has it.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM leases WHERE name = $1 AND holder = $2`, name, holder)
	return s.fail("release lease "+name, err)
}
