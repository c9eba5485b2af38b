package biblio

// The lexicon of section titles, as data: one row per language, one entry
// per kind of section. A title is recognised by the words it is made of
// (see titles.go), so a row lists words, not whole titles: "References
// and Further Reading", "Referencias bibliográficas recomendadas" and
// "Quellen- und Literaturverzeichnis" are all built from it.
//
// Words are written lower-case; matching folds case and accents, so
// "Bibliografía" and "bibliografia" are one word. A word with a space is
// a phrase matched as one unit ("aller plus loin"). Plurals are listed
// where they are not the singular plus "s".

// kindWords are the words of one kind of section in one language.
type kindWords struct {
	// Heads name the section by themselves: "bibliography", "Quellen".
	Heads []string
	// Weak heads name it only beside a modifier: "works" in "works
	// cited", "reading" in "further reading".
	Weak []string
	// Modifiers qualify a head: "further", "selected", "cited",
	// "bibliográficas".
	Modifiers []string
	// Companions may stand beside a head but name nothing by themselves:
	// "resources" in "Further Reading and Resources".
	Companions []string
	// Stems and Suffixes make compounds (German, Dutch): a stem joined to
	// a suffix is a head ("Literatur"+"verzeichnis", "bron"+"vermelding").
	Stems, Suffixes []string
}

// lexRow is one language's words.
type lexRow struct {
	Tag string
	// Connectors join or introduce words of a title: "and", "of", "the".
	Connectors []string
	// Prepositions open a free complement once a head has been seen:
	// "Further reading *on topic modelling*", "Références *sur* …".
	Prepositions     []string
	Bib, Notes, Back kindWords
	// Licence holds what a licence line says ("sous licence", "all rights
	// reserved"), lower-case: such a line may follow a bibliography.
	Licence []string
	// Cite holds the words that mark the elements of a citation.
	Cite citeWords
}

// citeWords are the words that mark the elements of a citation in one
// language (cite.go). Abbreviations are written without their full stop.
type citeWords struct {
	// NoDate says a work has no date, or none yet: "n.d.", "o. J.",
	// "forthcoming". Lower-case.
	NoDate []string
	// Publishers are words that name a publisher by their kind
	// ("Verlag", "Presses") or names well known in the language's
	// humanities reference lists ("Suhrkamp").
	Publishers []string
	// Periodicals are the kinds of periodical a citation names: "Journal".
	Periodicals []string
	// Locators come before a page, chapter, volume or issue number: "pp".
	Locators []string
	// Pages follow a number of pages: "198 pages".
	Pages []string
	// Roles mark the people who made an edition: "ed", "Hrsg", "trad".
	Roles []string
	// RolePhrases do the same in full, lower-case: "edited by".
	RolePhrases []string
	// In introduces a container before its colon: "In:", "Dans :".
	In []string
	// People are the words of roles and affiliations, lower-case:
	// "professor", "Universität", "chercheuse". An entry that names
	// someone with them and shows no work (no year, no quoted title, no
	// publisher) is a person, as an "about" or "team" page lists them.
	People []string
}

// lexicon lists the languages whose titles are recognised. Back matter
// follows The Chicago Manual of Style (17th ed., 1.4): acknowledgments,
// appendixes, glossary, contributors (about the author), illustration
// credits, index; plus licences and colophons, which web posts carry.
var lexicon = []lexRow{
	{
		Tag:          "en",
		Connectors:   []string{"and", "&", "+", "the", "a", "an", "of", "to", "with", "some", "our", "my", "other"},
		Prepositions: []string{"about", "on", "for", "in", "from", "to", "regarding", "concerning", "used", "by", "of"},
		Licence:      []string{"licensed", "licenced", "all rights reserved"},
		Cite: citeWords{
			People:      []string{"university", "institute", "college", "school", "professor", "prof", "phd", "dr", "student", "researcher", "developer", "designer", "lead", "director", "coordinator", "postdoc", "postdoctoral", "fellow", "assistant", "associate", "member", "team", "lab", "laboratory", "department", "center", "centre", "faculty", "lecturer", "engineer", "manager", "investigator", "intern", "advisor", "adviser", "supervisor"},
			NoDate:      []string{"n.d.", "n. d.", "forthcoming", "in press", "to appear"},
			Publishers:  []string{"Publishing", "Publishers", "Publications", "Books", "Routledge", "Springer", "Elsevier", "Wiley", "Brill", "Palgrave", "Macmillan", "Blackwell"},
			Periodicals: []string{"Journal", "Review", "Proceedings", "Quarterly", "Bulletin", "Studies", "Magazine", "Transactions", "Annals"},
			Locators:    []string{"p", "pp", "ch", "Ch", "chs", "Chs", "chap", "Chap", "vol", "Vol", "vols", "no", "No", "col", "cols"},
			Pages:       []string{"pages", "pp"},
			Roles:       []string{"ed", "eds", "Ed", "Eds", "edn", "trans", "Trans", "transl", "tr", "comp"},
			RolePhrases: []string{"edited by", "translated by"},
			In:          []string{"In", "in"},
		},
		Bib: kindWords{
			Heads:     []string{"bibliography", "bibliographies", "references", "reference", "sources", "source", "literature", "citations", "works cited", "reference list", "reading list", "reading lists", "readings"},
			Weak:      []string{"works", "reading", "texts", "publications", "titles"},
			Modifiers: []string{"further", "selected", "select", "suggested", "recommended", "additional", "more", "primary", "secondary", "cited", "consulted", "quoted", "referenced", "annotated", "partial", "short", "brief", "key", "essential", "general", "related", "useful", "background", "bibliographic", "bibliographical", "non-exhaustive", "complete", "main", "archival", "printed", "published", "unpublished", "online", "supplementary", "complementary", "extra", "other", "suggestions", "recommendations", "tips"},
			// "Related work" is a paper's review of the literature, in prose
			// (the ACM and IEEE templates): beside a head only.
			Companions: []string{"resources", "links", "notes", "list", "websites", "tools", "videos", "viewing", "video", "media", "related work", "related works"},
		},
		Notes: kindWords{
			Heads:      []string{"notes", "footnotes", "endnotes", "end notes", "foot notes", "note", "footnote", "endnote"},
			Modifiers:  []string{"translator's", "translators", "translator", "editor's", "editors", "editor", "author's", "authors", "additional", "explanatory", "general"},
			Companions: []string{"references", "sources", "citations", "bibliography"},
		},
		Back: kindWords{
			Heads:      []string{"acknowledgements", "acknowledgments", "acknowledgement", "acknowledgment", "thanks", "credits", "image credits", "photo credits", "picture credits", "images", "illustrations", "appendix", "appendices", "appendixes", "annex", "glossary", "index", "about the author", "about the authors", "about the contributors", "author", "authors", "contributors", "biography", "author biography", "bio", "licence", "license", "copyright", "colophon", "disclosure", "disclaimer", "funding", "errata", "corrections", "how to cite", "cite this", "suggested citation", "citing this"},
			Modifiers:  []string{"image", "photo", "special"},
			Companions: []string{"notes"},
		},
	},
	{
		Tag:          "de",
		Connectors:   []string{"und", "&", "+", "der", "die", "das", "des", "zur", "zum", "eine", "einige"},
		Prepositions: []string{"zu", "zum", "zur", "über", "für", "von", "im", "in"},
		Licence:      []string{"lizenziert", "unter der lizenz", "alle rechte vorbehalten"},
		Cite: citeWords{
			People:      []string{"universität", "hochschule", "institut", "professor", "professorin", "prof", "dr", "doktorand", "doktorandin", "mitarbeiter", "mitarbeiterin", "wissenschaftlicher", "wissenschaftliche", "leitung", "leiter", "leiterin", "projektleitung", "entwickler", "entwicklerin", "student", "studentin", "hilfskraft", "lehrstuhl", "fakultät", "zentrum"},
			NoDate:      []string{"o. j.", "o.j.", "im druck"},
			Publishers:  []string{"Verlag", "Suhrkamp"},
			Periodicals: []string{"Zeitschrift", "Jahrbuch"},
			Locators:    []string{"S", "Kap", "Bd", "Jg", "Heft", "nr", "Nr"},
			Pages:       []string{"Seiten"},
			Roles:       []string{"Hrsg", "hrsg", "Hg", "hg", "übers", "Übers"},
			RolePhrases: []string{"herausgegeben von"},
			In:          []string{"In", "in"},
		},
		Bib: kindWords{
			Heads:      []string{"literatur", "quellen", "quelle", "bibliographie", "bibliografie", "weiterlesen", "belege", "nachweise", "referenzen", "lektüre", "empfehlungen", "lesetipps"},
			Weak:       []string{"texte", "titel", "schriften", "publikationen"},
			Modifiers:  []string{"weiterführende", "ausgewählte", "zitierte", "verwendete", "benutzte", "empfohlene", "weitere", "ergänzende", "gedruckte", "ungedruckte", "primäre", "sekundäre", "empfehlungen"},
			Companions: []string{"links", "anmerkungen", "hinweise", "ressourcen", "videos", "video", "medien"},
			Stems:      []string{"literatur", "quellen", "primär", "sekundär", "forschungs", "lese"},
			Suffixes:   []string{"verzeichnis", "hinweise", "hinweis", "angaben", "angabe", "liste", "nachweis", "nachweise", "auswahl", "literatur", "tipps", "empfehlungen", "empfehlung"},
		},
		Notes: kindWords{
			Heads:      []string{"anmerkungen", "anmerkung", "fußnoten", "fußnote", "endnoten", "noten"},
			Modifiers:  []string{"weitere"},
			Companions: []string{"literatur", "quellen", "belege", "nachweise"},
		},
		Back: kindWords{
			Heads: []string{"danksagung", "danksagungen", "dank", "anhang", "anhänge", "glossar", "register", "index", "über den autor", "über die autorin", "über die autoren", "über die autorinnen", "zum autor", "zur autorin", "zu den autoren", "autor", "autorin", "autoren", "lizenz", "impressum", "bildnachweis", "bildnachweise", "abbildungsnachweis", "abbildungsnachweise", "abbildungen", "bilder", "bildquellen", "zitiervorschlag", "zitierweise"},
		},
	},
	{
		Tag:          "fr",
		Connectors:   []string{"et", "&", "+", "de", "des", "du", "la", "le", "les", "l", "d", "quelques", "pour", "autres", "liste"},
		Prepositions: []string{"sur", "pour", "à", "au", "aux", "concernant", "de", "du", "des", "en"},
		Licence:      []string{"sous licence", "tous droits réservés"},
		Cite: citeWords{
			People:      []string{"université", "institut", "école", "professeur", "professeure", "maître", "chercheur", "chercheuse", "doctorant", "doctorante", "ingénieur", "ingénieure", "développeur", "développeuse", "directeur", "directrice", "coordinateur", "coordinatrice", "responsable", "laboratoire", "centre", "faculté", "étudiant", "étudiante"},
			NoDate:      []string{"s.d.", "s. d.", "à paraître"},
			Publishers:  []string{"Éditions", "Editions", "Presses", "PUF", "Gallimard", "Seuil"},
			Periodicals: []string{"Revue", "Annales", "Cahiers", "Bulletin"},
			Locators:    []string{"p", "t", "tome", "n°", "num", "fasc", "vol"},
			Pages:       []string{"pages"},
			Roles:       []string{"éd", "éds", "dir", "trad"},
			RolePhrases: []string{"sous la direction de"},
			In:          []string{"Dans", "dans", "In", "in"},
		},
		Bib: kindWords{
			Heads:      []string{"bibliographie", "bibliographies", "références", "référence", "sources", "source", "littérature", "ouvrages cités", "oeuvres citées", "œuvres citées", "aller plus loin", "pour en savoir plus", "en savoir plus", "sitographie", "webographie", "lectures"},
			Weak:       []string{"lecture", "ouvrages", "oeuvres", "œuvres", "travaux", "textes", "publications", "titres"},
			Modifiers:  []string{"complémentaires", "complémentaire", "supplémentaires", "supplémentaire", "additionnelles", "conseillées", "recommandées", "suggérées", "choisies", "sélective", "sélectionnées", "indicative", "non-exhaustive", "non exhaustive", "sommaire", "générale", "citées", "cités", "consultés", "consultées", "utilisées", "utilisés", "bibliographiques", "bibliographique", "principales", "primaires", "secondaires", "imprimées", "archivistiques", "essentielles", "utiles", "autres", "suggestions", "suggestion", "conseils"},
			Companions: []string{"ressources", "liens", "notes", "outils", "vidéos", "vidéo", "médias"},
		},
		Notes: kindWords{
			Heads:      []string{"notes", "note", "notes de bas de page", "notes de fin", "notes de fin de document", "notes du traducteur", "notes de la traductrice", "notes de la traduction", "note du traducteur", "note de la traductrice", "ndt", "n.d.t", "ndlr", "n.d.l.r"},
			Modifiers:  []string{"explicatives", "complémentaires"},
			Companions: []string{"références", "sources"},
		},
		Back: kindWords{
			Heads: []string{"remerciements", "remerciement", "annexe", "annexes", "appendice", "glossaire", "index", "à propos de l'auteur", "à propos de l'autrice", "à propos des auteurs", "à propos des autrices", "l'auteur", "l'autrice", "auteur", "auteurs", "autrice", "licence", "crédits", "crédits photographiques", "crédits photos", "crédits des images", "images", "illustrations", "colophon", "pour citer", "citer cet article", "comment citer"},
		},
	},
	{
		Tag:          "es",
		Connectors:   []string{"y", "e", "&", "+", "de", "del", "la", "las", "los", "el", "algunas", "algunos", "otras", "otros", "para", "lista"},
		Prepositions: []string{"sobre", "para", "acerca", "en", "de", "del", "a", "al"},
		Licence:      []string{"bajo licencia", "bajo la licencia", "todos los derechos reservados"},
		Cite: citeWords{
			People:      []string{"universidad", "instituto", "escuela", "profesor", "profesora", "investigador", "investigadora", "doctorando", "doctoranda", "desarrollador", "desarrolladora", "director", "directora", "coordinador", "coordinadora", "estudiante", "laboratorio", "centro", "facultad", "departamento"},
			NoDate:      []string{"s.f.", "s. f.", "s.d.", "s. d.", "s.a.", "en prensa"},
			Publishers:  []string{"Ediciones", "Editorial"},
			Periodicals: []string{"Revista"},
			Locators:    []string{"p", "pp", "cap", "Cap", "núm", "vol"},
			Pages:       []string{"páginas"},
			Roles:       []string{"ed", "eds", "coord", "trad", "comp"},
			RolePhrases: []string{"traducido por"},
			In:          []string{"En", "en"},
		},
		Bib: kindWords{
			Heads:      []string{"bibliografía", "bibliografías", "referencias", "referencia", "fuentes", "fuente", "literatura", "obras citadas", "saber más", "para saber más", "webgrafía", "sitiografía", "lecturas"},
			Weak:       []string{"lectura", "obras", "textos", "trabajos", "publicaciones", "títulos"},
			Modifiers:  []string{"bibliográficas", "bibliográfica", "bibliográficos", "recomendadas", "recomendada", "recomendados", "sugeridas", "sugerida", "sugeridos", "adicionales", "complementarias", "complementaria", "seleccionadas", "selecta", "básica", "básicas", "general", "citadas", "citados", "consultadas", "consultados", "utilizadas", "utilizada", "primarias", "secundarias", "impresas", "archivísticas", "esenciales", "útiles", "otras", "otros", "sugerencias", "recomendaciones"},
			Companions: []string{"recursos", "enlaces", "notas", "herramientas", "vídeos", "videos", "medios"},
		},
		Notes: kindWords{
			Heads:      []string{"notas", "nota", "notas al pie", "notas a pie de página", "notas finales", "notas de la traductora", "notas del traductor", "notas de la traducción", "nota de la traductora", "nota del traductor", "ndt", "n.d.t"},
			Modifiers:  []string{"aclaratorias", "adicionales"},
			Companions: []string{"referencias", "fuentes"},
		},
		Back: kindWords{
			Heads: []string{"agradecimientos", "agradecimiento", "apéndice", "apéndices", "anexo", "anexos", "glosario", "índice", "sobre el autor", "sobre la autora", "sobre los autores", "sobre las autoras", "acerca del autor", "acerca de la autora", "autor", "autora", "autores", "licencia", "créditos", "créditos de las imágenes", "imágenes", "ilustraciones", "cómo citar", "para citar"},
		},
	},
	{
		Tag:          "pt",
		Connectors:   []string{"e", "&", "+", "de", "da", "do", "das", "dos", "a", "o", "as", "os", "algumas", "outras", "outros", "para", "lista"},
		Prepositions: []string{"sobre", "para", "acerca", "em", "no", "na", "de", "do", "da", "a", "ao"},
		Licence:      []string{"sob licença", "sob a licença", "todos os direitos reservados"},
		Cite: citeWords{
			People:      []string{"universidade", "instituto", "escola", "professor", "professora", "pesquisador", "pesquisadora", "investigador", "investigadora", "doutorando", "doutoranda", "desenvolvedor", "desenvolvedora", "coordenador", "coordenadora", "diretor", "diretora", "estudante", "laboratório", "centro", "faculdade", "departamento"},
			NoDate:      []string{"s.d.", "s. d.", "s.a.", "no prelo"},
			Publishers:  []string{"Editora"},
			Periodicals: []string{"Revista"},
			Locators:    []string{"p", "pp", "cap", "Cap", "vol"},
			Pages:       []string{"páginas"},
			Roles:       []string{"org", "orgs", "trad", "ed", "eds"},
			RolePhrases: []string{"tradução de"},
			In:          []string{"Em", "em", "In", "in"},
		},
		Bib: kindWords{
			Heads:      []string{"bibliografia", "bibliografias", "referências", "referência", "fontes", "fonte", "literatura", "obras citadas", "saber mais", "para saber mais", "leituras"},
			Weak:       []string{"leitura", "obras", "textos", "trabalhos", "publicações", "títulos"},
			Modifiers:  []string{"bibliográficas", "bibliográfica", "bibliográficos", "recomendadas", "recomendada", "sugeridas", "sugerida", "adicionais", "complementares", "complementar", "selecionadas", "selecionada", "básica", "básicas", "geral", "citadas", "citados", "consultadas", "consultados", "utilizadas", "utilizados", "primárias", "secundárias", "impressas", "essenciais", "úteis", "outras", "outros", "sugestões", "recomendações"},
			Companions: []string{"recursos", "links", "ligações", "notas", "ferramentas", "vídeos", "mídias", "media"},
		},
		Notes: kindWords{
			Heads:      []string{"notas", "nota", "notas de rodapé", "notas finais", "notas do tradutor", "notas da tradutora", "notas da tradução", "nota do tradutor", "nota da tradutora", "ndt", "n.d.t"},
			Modifiers:  []string{"adicionais", "explicativas"},
			Companions: []string{"referências", "fontes"},
		},
		Back: kindWords{
			Heads: []string{"agradecimentos", "agradecimento", "apêndice", "apêndices", "anexo", "anexos", "glossário", "índice", "sobre o autor", "sobre a autora", "sobre os autores", "sobre as autoras", "autor", "autora", "autores", "licença", "créditos", "créditos das imagens", "imagens", "ilustrações", "como citar", "para citar"},
		},
	},
	{
		Tag:          "it",
		Connectors:   []string{"e", "ed", "&", "+", "di", "del", "della", "delle", "dei", "degli", "la", "le", "il", "i", "gli", "l", "alcune", "altre", "altri", "per", "elenco"},
		Prepositions: []string{"su", "sul", "sulla", "sui", "sugli", "sulle", "per", "riguardo", "di", "del", "della", "in"},
		Licence:      []string{"sotto licenza", "sotto la licenza", "tutti i diritti riservati"},
		Cite: citeWords{
			People:      []string{"università", "istituto", "scuola", "professore", "professoressa", "ricercatore", "ricercatrice", "dottorando", "dottoranda", "sviluppatore", "sviluppatrice", "direttore", "direttrice", "coordinatore", "coordinatrice", "studente", "studentessa", "laboratorio", "centro", "facoltà", "dipartimento"},
			NoDate:      []string{"s.d.", "s. d.", "in corso di stampa"},
			Publishers:  []string{"Edizioni", "Editore", "Einaudi", "Laterza"},
			Periodicals: []string{"Rivista"},
			Locators:    []string{"p", "pp", "cap", "Cap", "vol", "num", "fasc"},
			Pages:       []string{"pagine"},
			Roles:       []string{"trad", "ed"},
			RolePhrases: []string{"a cura di"},
			In:          []string{"In", "in"},
		},
		Bib: kindWords{
			Heads:      []string{"bibliografia", "bibliografie", "riferimenti", "riferimento", "fonti", "fonte", "letteratura", "opere citate", "approfondire", "per approfondire", "approfondimenti", "sitografia", "webgrafia", "letture", "per saperne di più", "saperne di più"},
			Weak:       []string{"lettura", "opere", "testi", "lavori", "pubblicazioni", "titoli"},
			Modifiers:  []string{"bibliografici", "bibliografica", "bibliografiche", "consigliate", "consigliata", "suggerite", "suggerita", "ulteriori", "aggiuntive", "complementari", "essenziale", "essenziali", "selezionata", "selezionate", "scelta", "generale", "citate", "citati", "consultate", "consultati", "utilizzate", "utilizzati", "primarie", "secondarie", "principali", "archivistiche", "a stampa", "utili", "altre", "altri", "suggerimenti", "consigli"},
			Companions: []string{"risorse", "collegamenti", "link", "note", "strumenti", "video", "media"},
		},
		Notes: kindWords{
			Heads:      []string{"note", "nota", "note a piè di pagina", "note a pie di pagina", "note finali", "note del traduttore", "note della traduttrice", "nota del traduttore", "nota della traduttrice", "ndt", "n.d.t"},
			Modifiers:  []string{"aggiuntive", "esplicative"},
			Companions: []string{"riferimenti", "fonti"},
		},
		Back: kindWords{
			Heads: []string{"ringraziamenti", "ringraziamento", "appendice", "appendici", "allegato", "allegati", "glossario", "indice", "sull'autore", "sull'autrice", "sugli autori", "l'autore", "l'autrice", "autore", "autrice", "autori", "licenza", "crediti", "crediti fotografici", "immagini", "illustrazioni", "come citare", "per citare"},
		},
	},
	{
		Tag:          "nl",
		Connectors:   []string{"en", "&", "+", "de", "het", "een", "enkele", "andere", "overige", "lijst"},
		Prepositions: []string{"over", "voor", "bij", "van", "in", "op"},
		Licence:      []string{"onder licentie", "onder een licentie", "alle rechten voorbehouden"},
		Cite: citeWords{
			People:      []string{"universiteit", "hogeschool", "instituut", "hoogleraar", "professor", "onderzoeker", "promovendus", "ontwikkelaar", "directeur", "coördinator", "student", "studente", "laboratorium", "centrum", "faculteit", "afdeling", "medewerker"},
			NoDate:      []string{"z.j."},
			Publishers:  []string{"Uitgeverij", "Uitgevers"},
			Periodicals: []string{"Tijdschrift"},
			Locators:    []string{"p", "nr", "Nr", "vol"},
			Pages:       []string{"pagina's"},
			Roles:       []string{"vert", "red"},
			RolePhrases: []string{"vertaald door"},
			In:          []string{"In", "in"},
		},
		Bib: kindWords{
			Heads:      []string{"literatuur", "bronnen", "bron", "bibliografie", "referenties", "referentie", "verder lezen", "meer lezen", "geciteerde werken", "geraadpleegde werken", "leestips", "leesvoer"},
			Weak:       []string{"lectuur", "werken", "teksten", "publicaties", "titels"},
			Modifiers:  []string{"geraadpleegde", "gebruikte", "geciteerde", "aanbevolen", "aanvullende", "verdere", "geselecteerde", "beknopte", "algemene", "primaire", "secundaire", "gedrukte", "ongedrukte", "archivalische", "nuttige", "overige", "suggesties", "aanbevelingen", "leestips"},
			Companions: []string{"noten", "links", "verwijzingen", "hulpmiddelen", "video's", "videos", "media"},
			Stems:      []string{"literatuur", "bron", "bronnen", "referentie"},
			Suffixes:   []string{"lijst", "opgave", "vermelding", "vermeldingen", "verwijzingen", "overzicht"},
		},
		Notes: kindWords{
			Heads:      []string{"noten", "noot", "voetnoten", "voetnoot", "eindnoten", "eindnoot", "aantekeningen"},
			Companions: []string{"bronnen", "literatuur"},
		},
		Back: kindWords{
			Heads: []string{"dankwoord", "dankbetuiging", "bijlage", "bijlagen", "appendix", "woordenlijst", "verklarende woordenlijst", "register", "index", "over de auteur", "over de auteurs", "auteur", "auteurs", "licentie", "colofon", "beeldverantwoording", "afbeeldingen", "illustraties"},
		},
	}, {
		Tag:          "ru",
		Connectors:   []string{"и", "список", "к", "по"},
		Prepositions: []string{"о", "об", "по", "к", "для"},
		Licence:      []string{"лицензи"},
		Bib: kindWords{
			Heads:      []string{"литература", "список литературы", "источники", "библиография", "использованная литература", "цитируемая литература"},
			Weak:       []string{"чтение"},
			Modifiers:  []string{"рекомендуемая", "дополнительная", "основная", "дополнительное", "использованные", "избранная"},
			Companions: []string{"ссылки", "ресурсы"},
		},
		Notes: kindWords{
			Heads: []string{"примечания", "сноски", "примечание"},
		},
		Back: kindWords{
			Heads: []string{"благодарности", "приложение", "приложения", "об авторе", "лицензия"},
		},
	},
	{
		// Marks written the same in every language.
		Tag:     "",
		Licence: []string{"creative commons", "creativecommons", "cc by", "cc-by", "cc0", "©"},
	},
}
