package edition

// citeCache holds, for one build, the databases and styles already
// loaded, by file: posts of one site share them.
type citeCache struct{}

func (c *citeCache) database(cp citePost, src citeSources) citeDB { return nil }

func (c *citeCache) processor(cp citePost, src citeSources, cx *citeContext) citeproc { return nil }
