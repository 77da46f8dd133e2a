package config

// Twilio configures SMS, MMS and voice on Twilio.
type Twilio struct{}

func (k *checker) twilio() {}
