package config

// Email configures the mailboxes residents write to and the SMTP server
// replies go through.
type Email struct{}

func (k *checker) email() {}
