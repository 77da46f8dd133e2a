// Package cases is the domain of intake311: a resident's report becomes a
// Case with a tracking number, contacts, messages and a status history.
//
// The package defines the types every other package shares and the
// interfaces they implement (Store, Notifier, Classifier, Router). It imports
// only the standard library; implementations live in subpackages named after
// what they wrap (cases/sqlite, cases/postgres) and in the channel, nlp and
// router packages. Intake turns a Report into a stored Case, and Workflow
// applies staff actions (status changes, assignments, notes); both write the
// resulting notifications to the outbox in the same transaction as the change.
package cases
