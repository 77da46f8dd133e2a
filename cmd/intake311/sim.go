package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// simulators are the `intake311 sim` subcommands: each sends inbound
// traffic to a running server exactly as its provider would (signed), using
// the secrets the sandbox publishes in /sandbox/peers. One line per channel.
var simulators = []command{
	simSMS,
	simCall,
	simEmail,
}

func runSim(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		for _, c := range simulators {
			if c.name == args[0] {
				return c.run(ctx, env, args[1:])
			}
		}
	}
	fmt.Fprintln(env.Stderr, "usage: intake311 sim <channel> [flags]\n\nchannels:")
	for _, c := range simulators {
		fmt.Fprintf(env.Stderr, "  %-8s %s\n", c.name, c.summary)
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		return nil
	}
	return errUsage
}

// sandboxPeers fetches /sandbox/peers from a running sandbox at base and
// decodes it into v.
func sandboxPeers(ctx context.Context, base string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sandboxGet(ctx, base+"/sandbox/peers", v); err != nil {
		return fmt.Errorf("is the server running with --sandbox (make run)? %w", err)
	}
	return nil
}

// sandboxGet fetches a JSON page of a running sandbox, such as
// /sandbox/outbox, and decodes it into v.
func sandboxGet(ctx context.Context, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return json.NewDecoder(res.Body).Decode(v)
}
