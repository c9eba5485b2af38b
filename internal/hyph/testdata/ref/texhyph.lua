-- texhyph.lua: hyphenates words with LuaTeX's own hyphenation routine.
-- Run by texhyph.tex; reads its arguments from environment variables:
--   TEXHYPH_PAT  pattern file (hyph-utf8 .pat.txt form: whitespace-separated patterns)
--   TEXHYPH_HYP  exception file or empty
--   TEXHYPH_MIN  "left right" (\lefthyphenmin, \righthyphenmin)
--   TEXHYPH_IN   words, one a line
--   TEXHYPH_OUT  where to write the words hyphenated, one a line
local function read(p)
  local f = assert(io.open(p, "rb")); local s = f:read("a"); f:close(); return s
end
local pat = read(os.getenv("TEXHYPH_PAT"))
local hyp = os.getenv("TEXHYPH_HYP") or ""
if hyp ~= "" and read(hyp):match("^%s*$") then hyp = "" end
local left, right = os.getenv("TEXHYPH_MIN"):match("(%d+)%s+(%d+)")
local words = {}
for w in read(os.getenv("TEXHYPH_IN")):gmatch("[^\n]+") do words[#words+1] = w end

-- Every character of the patterns and the words is a letter that is its
-- own lower case (the words are lower case already).
local chars = {}
local function mark(s) for _, c in utf8.codes(s) do chars[c] = true end end
mark(pat); for _, w in ipairs(words) do mark(w) end
local fchars = {}
for c in pairs(chars) do
  if not (c >= 48 and c <= 57) and c ~= 46 then tex.setlccode(c, c) end
  fchars[c] = {width = 65536}
end
fchars[45] = {width = 65536}
local fid = font.define({name = "texhyph", size = 655360, characters = fchars, hyphenchar = 45})
font.current(fid)

local l = lang.new(1)
lang.patterns(l, pat)
if hyp ~= "" then lang.hyphenation(l, read(hyp)) end
tex.language = 1
tex.lefthyphenmin = tonumber(left)
tex.righthyphenmin = tonumber(right)

local out = assert(io.open(os.getenv("TEXHYPH_OUT"), "wb"))
local glyph, disc = node.id("glyph"), node.id("disc")
function texhyph_word(i)
  local h = node.copy_list(tex.box[0].list)
  lang.hyphenate(h)
  local s = {}
  for n in node.traverse(h) do
    if n.id == glyph then s[#s+1] = utf8.char(n.char) elseif n.id == disc then s[#s+1] = "-" end
  end
  out:write(table.concat(s), "\n")
  node.flush_list(h)
end
function texhyph_words()
  for i, w in ipairs(words) do
    tex.sprint("\\setbox0=\\hbox{ " .. w .. "\\ }\\directlua{texhyph_word(" .. i .. ")}")
  end
end
function texhyph_close() out:close() end
