package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/postgres"
	"github.com/intake311/intake311/cases/sqlite"
	"github.com/intake311/intake311/config"
	"github.com/jackc/pgx/v5"
)

// benchGateway wires the demo city on a fresh, empty store of the given
// driver (PostgreSQL: a schema of its own, dropped afterwards).
func benchGateway(b *testing.B, driver string) *gateway {
	b.Helper()
	ctx := context.Background()
	cfg := config.Demo()
	cfg.Storage.DataDir = b.TempDir()
	var store cases.Store
	var err error
	if driver == config.DriverPostgres {
		url, opts := benchSchema(b)
		store, err = postgres.Open(ctx, url, opts)
	} else {
		store, err = sqlite.Open(ctx, cfg.SQLitePath(), sqlite.Options{})
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	g, err := assemble(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, store)
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// benchSchema creates an empty PostgreSQL schema for one benchmark and
// returns the URL and options that open a store in it.
func benchSchema(b *testing.B) (string, postgres.Options) {
	url := os.Getenv("INTAKE311_TEST_POSTGRES_URL")
	if url == "" {
		b.Skip("INTAKE311_TEST_POSTGRES_URL is not set")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	schema := fmt.Sprintf("bench_%d", time.Now().UnixNano())
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if c, err := pgx.Connect(ctx, url); err == nil {
			c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
			c.Close(ctx)
		}
	})
	return url, postgres.Options{Schema: schema, MaxConns: 16}
}

var reports = []string{
	"There is a deep pothole in the right lane on Main St near 5th, cars are swerving around it",
	"Streetlight out at the corner of Elm and Oak for three nights, it is very dark",
	"Graffiti sprayed all over the wall of the bus shelter on Pine Street",
	"My trash was not picked up this week on Cedar Ave, the bins are still full",
	"Someone dumped a couch and tires in the alley behind 1200 Walnut",
}

// BenchmarkIntake is the whole intake path (classify, route, store, enqueue
// the acknowledgement) with 50 concurrent submitters on the demo city.
// Compare with BenchmarkIntakeSerial from the same run.
func BenchmarkIntake(b *testing.B) {
	for _, driver := range []string{config.DriverSQLite, config.DriverPostgres} {
		b.Run(driver+"/50", func(b *testing.B) { benchIntake(b, benchGateway(b, driver), 50) })
		b.Run(driver+"/serial", func(b *testing.B) { benchIntake(b, benchGateway(b, driver), 1) })
	}
}

func benchIntake(b *testing.B, g *gateway, submitters int) {
	ctx := context.Background()
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for w := 0; w < submitters; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= int64(b.N); i = next.Add(1) {
				r := cases.Report{Channel: "sms", ExternalID: fmt.Sprintf("SM%d", i), Text: reports[i%int64(len(reports))],
					Contact: &cases.Contact{Channel: "sms", Address: fmt.Sprintf("+1555%07d", i), Consent: true}}
				if _, _, err := g.intake.Submit(ctx, r); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cases/s")
}
