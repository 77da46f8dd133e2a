package email

// SetBeforeMove makes c call f after committing a message and before
// moving it; an error from f ends the session there, as a crash would.
func SetBeforeMove(c *Channel, f func(uid uint32) error) { c.beforeMove = f }
