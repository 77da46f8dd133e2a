// Command intake311 is the city's 311 intake gateway: it serves the
// channels residents use, the Open311 and staff APIs, and the sandbox, and
// it carries the managers' and operators' tools (configuration, migrations,
// routing rules, simulators). It is the only place that reads the
// configuration and wires concrete types together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Env is the world a command runs in, so tests can run Main in-process.
type Env struct {
	Stdin     io.Reader
	Stdout    io.Writer
	Stderr    io.Writer
	LookupEnv func(string) (string, bool)
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands is the table of subcommands, in the order `intake311 help`
// lists them.
var commands = []command{
	{"serve", "run the gateway (--sandbox: with every provider stood in for on loopback)", runServe},
	{"migrate", "apply the store's database migrations and exit", runMigrate},
	{"config", "print the demo configuration (init) or check a file (check FILE)", runConfig},
	{"sim", "send inbound traffic to a running sandbox exactly as a provider would", runSim},
	{"classify", "classify a text: service, confidence, language, emergency, location", runClassify},
	{"eval", "score the classifier on a labelled CSV beside a naive-Bayes baseline", runEval},
	{"route", "classify and route a text as intake would: service, rule, department, SLA", runRoute},
	{"rules", "routing documents: check, publish, history, diff, rollback, replay", runRules},
	{"keywords", "suggest keywords from labelled requests, for review (suggest --data FILE.csv)", runKeywords},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, LookupEnv: os.LookupEnv}
	os.Exit(Main(ctx, os.Args[1:], env))
}

// errUsage means the command line was wrong; the usage has been printed.
var errUsage = errors.New("usage")

// Main runs the command line args and returns the exit status: 0 on
// success, 1 on failure, 2 on a usage error.
func Main(ctx context.Context, args []string, env *Env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return exitCode(env, c.run(ctx, env, args[1:]))
		}
	}
	fmt.Fprintf(env.Stderr, "intake311: unknown command %q\n\n", args[0])
	usage(env.Stderr)
	return 2
}

func exitCode(env *Env, err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(env.Stderr, "intake311: %v\n", err)
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: intake311 <command> [flags] [args]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'intake311 <command> --help' for a command's flags.")
}

// flags returns a flag set for a subcommand that prints its usage to
// env.Stderr and returns errors instead of exiting.
func flags(env *Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: intake311 %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, mapping a bad flag to errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		return errUsage
	}
	return err
}
