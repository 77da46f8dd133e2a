package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/intake311/intake311/cases"
)

// GetState implements cases.StateStore.
func (s *Store) GetState(ctx context.Context, scope, key string) ([]byte, int64, error) {
	var value []byte
	var version int64
	err := s.rdb.QueryRowContext(ctx, `SELECT value, version FROM state
		WHERE scope = ? AND key = ? AND (expires_at = 0 OR expires_at > ?)`, scope, key, micros(time.Now())).Scan(&value, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, cases.Errorf(cases.ErrNotFound, "no state %s/%s", scope, key)
	}
	return value, version, storeErr("get state", err)
}

// PutState implements cases.StateStore.
func (s *Store) PutState(ctx context.Context, scope, key string, value []byte, version int64, ttl time.Duration) (int64, error) {
	now := time.Now()
	var expires int64
	if ttl > 0 {
		expires = micros(now.Add(ttl))
	}
	var next int64
	err := s.w.do(ctx, func(tx *wtx) error {
		cur, err := currentVersion(ctx, tx, scope, key, micros(now))
		if err != nil {
			return err
		}
		if cur != version {
			return cases.Errorf(cases.ErrConflict, "state %s/%s is at version %d, not %d", scope, key, cur, version)
		}
		next = version + 1
		_, err = tx.exec(ctx, `INSERT INTO state (scope, key, value, version, expires_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, version = excluded.version, expires_at = excluded.expires_at`,
			scope, key, value, next, expires)
		return err
	})
	return next, storeErr("put state", err)
}

// currentVersion is the live version of a value, 0 when missing or expired.
func currentVersion(ctx context.Context, tx *wtx, scope, key string, now int64) (int64, error) {
	var version, expires int64
	err := tx.queryRow(ctx, "SELECT version, expires_at FROM state WHERE scope = ? AND key = ?", scope, key).Scan(&version, &expires)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, nil
	case err != nil:
		return 0, err
	case expires != 0 && expires <= now:
		return 0, nil
	}
	return version, nil
}

// DeleteState implements cases.StateStore.
func (s *Store) DeleteState(ctx context.Context, scope, key string) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		_, err := tx.exec(ctx, "DELETE FROM state WHERE scope = ? AND key = ?", scope, key)
		return err
	})
	return storeErr("delete state", err)
}

// AcquireLease implements cases.StateStore.
func (s *Store) AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	now := time.Now()
	var got bool
	err := s.w.do(ctx, func(tx *wtx) error {
		res, err := tx.exec(ctx, `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
			WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`,
			name, holder, micros(now.Add(ttl)), micros(now))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		got = n == 1
		return err
	})
	return got, storeErr("acquire lease", err)
}

// ReleaseLease implements cases.StateStore.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		_, err := tx.exec(ctx, "DELETE FROM leases WHERE name = ? AND holder = ?", name, holder)
		return err
	})
	return storeErr("release lease", err)
}
