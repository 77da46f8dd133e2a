package config

// Channels configures the channels residents use, one section each.
type Channels struct {
	Twilio Twilio `yaml:"twilio"` // SMS, MMS and voice
	Email  Email  `yaml:"email"`  // IMAP intake and SMTP replies
}

func (k *checker) channels() {
	k.twilio()
	k.email()
}
