package config

// IVR configures the voice menus callers hear.
type IVR struct{}

func (k *checker) ivr() {}
