package bibtex

// cslTypes maps BibTeX and BibLaTeX entry types to CSL types as pandoc's
// BibTeX reader does (Text.Pandoc.Citeproc.BibTeX), with BibTeX's
// @conference and jekyll-scholar's @webpage added. pandoc gives @misc no
// type at all; CSL 1.0.2 calls that a "document".
var cslTypes = map[string]string{
	"article": "article-journal", "book": "book", "booklet": "pamphlet",
	"bookinbook": "chapter", "collection": "book", "dataset": "dataset",
	"electronic": "webpage", "inbook": "chapter", "incollection": "chapter",
	"inreference": "entry-encyclopedia", "inproceedings": "paper-conference",
	"conference": "paper-conference", "manual": "book", "mastersthesis": "thesis",
	"misc": "document", "mvbook": "book", "mvcollection": "book",
	"mvproceedings": "book", "mvreference": "book", "online": "webpage",
	"webpage": "webpage", "www": "webpage", "patent": "patent",
	"periodical": "article-journal", "phdthesis": "thesis", "proceedings": "book",
	"reference": "book", "report": "report", "software": "book",
	"suppbook": "chapter", "suppcollection": "chapter",
	"suppperiodical": "article-journal", "techreport": "report", "thesis": "thesis",
	"unpublished": "manuscript", "artwork": "graphic", "audio": "song",
	"commentary": "book", "image": "graphic", "jurisdiction": "legal_case",
	"legislation": "legislation", "legal": "treaty", "letter": "personal_communication",
	"movie": "motion_picture", "music": "song", "performance": "speech",
	"review": "review", "standard": "legislation", "video": "motion_picture",
	"data": "dataset", "letters": "personal_communication",
	"newsarticle": "article-newspaper", "set": "document",
	"customa": "document", "customb": "document", "customc": "document",
	"customd": "document", "custome": "document", "customf": "document",
}

// controlTypes are entries that configure a bibliography style rather
// than describe a work (IEEEtran.bst's control entry); they are no items.
var controlTypes = set("ieeetranbstctl")

// Groups of entry types that pandoc treats alike.
var (
	articleTypes = set("article", "periodical", "suppperiodical", "review")
	chapterTypes = set("inbook", "incollection", "inproceedings", "inreference", "bookinbook", "conference")
	bookTypes    = set("book", "collection", "proceedings", "reference", "mvbook", "mvcollection",
		"mvproceedings", "mvreference", "bookinbook", "inbook", "incollection", "inproceedings",
		"inreference", "suppbook", "suppcollection", "conference")
)

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// bibStrings are BibLaTeX's localisation keys that databases use in the
// type field (English strings, as biblatex's english.lbx prints them).
var bibStrings = map[string]string{
	"phdthesis": "PhD thesis", "mathesis": "Master’s thesis", "candthesis": "Candidate thesis",
	"techreport": "technical report", "resreport": "research report", "software": "computer software",
	"datacd": "CD-ROM", "audiocd": "audio CD", "patent": "patent", "patentus": "U.S. patent",
	"newspaper": "newspaper", "magazine": "magazine", "jourser": "series",
}

// langIDs maps babel/polyglossia language names (langid, hyphenation)
// to IETF tags, as pandoc's toIETF does for the common ones.
var langIDs = map[string]string{
	"english": "en-US", "american": "en-US", "british": "en-GB", "ukenglish": "en-GB",
	"usenglish": "en-US", "australian": "en-AU", "newzealand": "en-NZ", "canadian": "en-CA",
	"german": "de-DE", "ngerman": "de-DE", "austrian": "de-AT", "naustrian": "de-AT",
	"swissgerman": "de-CH", "nswissgerman": "de-CH", "french": "fr-FR", "francais": "fr-FR",
	"canadien": "fr-CA", "spanish": "es-ES", "italian": "it-IT", "portuguese": "pt-PT",
	"portuges": "pt-PT", "brazil": "pt-BR", "brazilian": "pt-BR", "dutch": "nl-NL",
	"danish": "da-DK", "swedish": "sv-SE", "norsk": "nb-NO", "nynorsk": "nn-NO",
	"finnish": "fi-FI", "polish": "pl-PL", "czech": "cs-CZ", "russian": "ru-RU",
	"greek": "el-GR", "catalan": "ca-ES", "latin": "la", "japanese": "ja-JP",
	"chinese": "zh-CN", "turkish": "tr-TR", "hungarian": "hu-HU", "romanian": "ro-RO",
}

// eprintURLs are the bases of eprint identifiers that pandoc links.
var eprintURLs = map[string]string{
	"arxiv":       "https://arxiv.org/abs/",
	"jstor":       "https://www.jstor.org/stable/",
	"pubmed":      "https://www.ncbi.nlm.nih.gov/pubmed/",
	"googlebooks": "https://books.google.com?id=",
}
