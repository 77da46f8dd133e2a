package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/intake311/intake311/cases"
)

// State expires by the database's clock, which every replica shares.

// live is the condition of a state row that has not expired.
const live = `(expires_at IS NULL OR expires_at > now())`

// expiry computes expires_at from a time to live in microseconds in $n;
// 0 keeps the value forever.
func expiry(n string) string {
	return "CASE WHEN " + n + "::bigint > 0 THEN now() + " + n + "::bigint * interval '1 microsecond' END"
}

// GetState returns a value and its version; ErrNotFound when it is
// missing or expired.
func (s *Store) GetState(ctx context.Context, scope, key string) ([]byte, int64, error) {
	var value []byte
	var version int64
	err := s.pool.QueryRow(ctx, `SELECT value, version FROM state WHERE scope = $1 AND key = $2 AND `+live,
		scope, key).Scan(&value, &version)
	if err != nil {
		return nil, 0, s.fail(fmt.Sprintf("get state %s/%s", scope, key), err)
	}
	return value, version, nil
}

// PutState writes a value if its current version is version (0: missing
// or expired) and returns the new version; otherwise ErrConflict.
func (s *Store) PutState(ctx context.Context, scope, key string, value []byte, version int64, ttl time.Duration) (int64, error) {
	if value == nil {
		value = []byte{}
	}
	var row pgx.Row
	if version == 0 {
		s.sweepState(ctx)
		row = s.createState(ctx, scope, key, value, ttl)
	} else {
		row = s.updateState(ctx, scope, key, value, version, ttl)
	}
	var next int64
	err := row.Scan(&next)
	op := fmt.Sprintf("put state %s/%s", scope, key)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("%s: %w", op, cases.Errorf(cases.ErrConflict, "state %s/%s is not at version %d", scope, key, version))
	}
	if err != nil {
		return 0, s.fail(op, err)
	}
	return next, nil
}

// createState writes version 1 of a value that is missing or expired.
func (s *Store) createState(ctx context.Context, scope, key string, value []byte, ttl time.Duration) pgx.Row {
	return s.pool.QueryRow(ctx, `INSERT INTO state (scope, key, value, version, expires_at)
		VALUES ($1, $2, $3, 1, `+expiry("$4")+`)
		ON CONFLICT (scope, key) DO UPDATE SET value = EXCLUDED.value, version = 1, expires_at = EXCLUDED.expires_at
		WHERE state.expires_at <= now()
		RETURNING version`, scope, key, value, ttl.Microseconds())
}

// updateState writes the next version of a live value at version.
func (s *Store) updateState(ctx context.Context, scope, key string, value []byte, version int64, ttl time.Duration) pgx.Row {
	return s.pool.QueryRow(ctx, `UPDATE state SET value = $3, version = version + 1, expires_at = `+expiry("$5")+`
		WHERE scope = $1 AND key = $2 AND version = $4 AND `+live+` RETURNING version`,
		scope, key, value, version, ttl.Microseconds())
}

// sweepEvery is how many new state values are written between sweeps of
// expired ones.
const sweepEvery = 256

// sweepState deletes a batch of expired state now and then, so values
// that are never written again do not pile up. It is best effort: a
// failure only means the rows stay until the next sweep.
func (s *Store) sweepState(ctx context.Context) {
	if s.puts.Add(1)%sweepEvery != 0 {
		return
	}
	s.pool.Exec(ctx, `DELETE FROM state WHERE ctid = ANY(ARRAY(
		SELECT ctid FROM state WHERE expires_at <= now() LIMIT 1000))`)
}

// DeleteState removes a value; a missing one is not an error.
func (s *Store) DeleteState(ctx context.Context, scope, key string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM state WHERE scope = $1 AND key = $2`, scope, key)
	return s.fail(fmt.Sprintf("delete state %s/%s", scope, key), err)
}
