// Recognisers for the lines that surround an article in copied web text: boilerplate, captions, bylines, dates.

/** Lines that are site furniture wherever they appear: comment forms, share bars, related links, copyright. */
const BOILERPLATE: RegExp[] = [
  /^(add|leave|post|write|submit) (a|your) (comment|reply|response)\b/i,
  /^(cancel reply|post comment|submit comment|comments?( \(\d+\))?|\d+ comments?|no comments( yet)?\.?)$/i,
  /^your email address will not be published/i,
  /required fields are marked/i,
  /^save my name,? email/i,
  /^(share|tweet|email|print|pin)( this)?( (article|story|post|page))?( on (facebook|twitter|x|linkedin|whatsapp|reddit|email))?[.:!]?$/i,
  /^share (on|via|to) \w+/i,
  /^(facebook|twitter|linkedin|whatsapp|reddit|telegram|email)( [|•·,/] ?(facebook|twitter|x|linkedin|whatsapp|reddit|telegram|email|print))+$/i,
  /^(subscribe|sign up|join)\b.{0,80}\b(newsletter|updates|inbox|mailing list)\b/i,
  /^follow us( on\b|:|$)/i,
  /^(©|\(c\)\s|copyright\s+(©|\(c\)|\d{4}))/i,
  /\ball rights reserved\.?$/i,
  /^(related|related (articles?|posts?|stories|content|reading)|also see|see also|also read|read also|read more|more on this( story)?|recommended( for you)?|you (may|might) also like|more from \w+)\s*([:\-–—|»>].*)?$/i,
  /^click here (to|for)\b/i,
  /^(advertisement|sponsored( content)?|ad)$/i,
  /^(back to top|skip to (main )?content|print this page)$/i,
]

/** Lines that are furniture only at the very end: site taglines, about-the-site and tag lines. */
const TRAILING: RegExp[] = [
  /^your (go-to|trusted|one-stop|daily|favou?rite|number one|#1)\b/i,
  /\b(editorial|news|media|content|policy) (hub|platform|portal|outlet)\b/i,
  /^(about (us|the (author|site|publication))|contact us|privacy policy|terms of (use|service))$/i,
  /^(filed under|posted in|categories|category)\s*:/i,
  /^(like|liked) (this|it)\?/i,
]

export function isBoilerplate(line: string): boolean {
  return BOILERPLATE.some((re) => re.test(line))
}

export function isTrailingBoilerplate(line: string): boolean {
  return isBoilerplate(line) || TRAILING.some((re) => re.test(line))
}

/** "Tags: a, b, c" at the end of a text gives the article's tags. */
export function tagsFromLine(line: string): string[] | undefined {
  const m = /^(tags|tagged|keywords)\s*:\s*(.+)$/i.exec(line)
  if (!m?.[2]) return undefined
  const tags = m[2].split(/\s*[,;|]\s*/).map((t) => t.trim()).filter((t) => t.length > 0 && t.length <= 60)
  return tags.length > 0 ? tags : undefined
}

const CAPTION: RegExp[] = [
  /\[(image|photo|picture|graphic|illustration|photograph)s?\b[^\]]*\]\s*$/i,
  /^(photo|image|picture|file photo|illustration|graphic)( credit)?\s*[:|]/i,
  /\((photo|image|picture|credit|file photo)\b[^)]*\)\s*$/i,
  /^(credit|source|photograph)\s*:\s*\S.{0,80}$/i,
]

export function isCaption(line: string): boolean {
  return CAPTION.some((re) => re.test(line))
}

const BYLINE = /^[Bb][Yy]\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:and\s+|&\s+|,\s*)?\p{Lu}?[\p{L}.'’-]+){0,7})\s*(?:[,|–—-].{0,60})?$/u

export function bylineFrom(line: string): string | undefined {
  if (line.length > 100) return undefined
  return BYLINE.exec(line)?.[1]?.trim()
}

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const DATE_LINE = new RegExp(
  `^(?:(?:published|posted|updated|date)\\s*(?:on)?\\s*:?\\s*)?(?:\\w+day,?\\s+)?((?:${MONTHS})\\.?\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})(?:\\b.{0,30})?$`,
  'i',
)

/** A dateline such as "Published: December 24, 2024" → "2024-12-24". */
export function dateFromLine(line: string): string | undefined {
  if (line.length > 80) return undefined
  const m = DATE_LINE.exec(line.trim())
  if (!m?.[1]) return undefined
  if (/^\d{4}-\d{2}-\d{2}$/.test(m[1])) return m[1]
  const parsed = new Date(m[1].replace(/\./g, ''))
  if (Number.isNaN(parsed.getTime())) return undefined
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`
}
