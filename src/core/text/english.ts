/**
 * English words in a question ("what is the province digital transformation day? ngay nao vay", "tasks
 * of Sở TT&TT deadline"): officials mix them in. When the text has an English word no Vietnamese word is
 * spelt like, the English terms of the domain are put in Vietnamese before the question is read, so the
 * same understanding serves both. Words that are also Vietnamese without diacritics ("the" = thế,
 * "do", "day" = đây) are never taken as English alone.
 */

/** Words that show the text has English in it (none is a Vietnamese word typed without diacritics). */
const ENGLISH_CUE =
  /\b(?:what|which|who|whom|whose|when|where|how|is|are|does|did|digital|transformation|province|provincial|national|tasks?|plans?|meetings?|decisions?|notices?|steering|committee|targets?|index|ranking|rank|theme|assigned|responsible|please|signed|charge|deadlines?|products?|reports?|next|upcoming)\b/i;

/** English phrase → Vietnamese, longest first (phrases before the words they contain). */
const GLOSSARY: readonly (readonly [RegExp, string])[] = (
  [
    ["(?:the\\s+)?national digital transformation day", "Ngày Chuyển đổi số quốc gia"],
    ["(?:the\\s+)?provincial digital transformation day", "Ngày Chuyển đổi số tỉnh"],
    ["(?:the\\s+)?province(?:'s)? digital transformation day", "Ngày Chuyển đổi số tỉnh"],
    ["(?:the\\s+)?digital transformation day", "Ngày Chuyển đổi số"],
    // ("DX": digital transformation, as English writing abbreviates it.)
    ["(?:the\\s+)?(?:provincial|province(?:'s)?) dx day", "Ngày Chuyển đổi số tỉnh"],
    ["(?:the\\s+)?(?:national )?dx day", "Ngày Chuyển đổi số"],
    ["digital transformation index", "chỉ số chuyển đổi số"],
    ["digital transformation", "chuyển đổi số"],
    ["digital government", "chính quyền số"],
    ["digital economy", "kinh tế số"],
    ["digital society", "xã hội số"],
    ["steering committee", "Ban Chỉ đạo"],
    ["executive board", "Ban Điều hành"],
    ["people'?s committee", "UBND"],
    ["action plan", "kế hoạch hành động"],
    ["who is in charge(?: of)?", "ai chủ trì"],
    ["in charge(?: of)?", "chủ trì"],
    ["what is", "là gì"],
    ["who is", "ai là"],
    ["who signed", "ai ký"],
    ["when is", "khi nào là"],
    ["how many", "bao nhiêu"],
    ["(?:the\\s+)?next time", "lần tới"],
    ["next", "tới"],
    ["upcoming", "sắp tới"],
    ["tasks?", "nhiệm vụ"],
    ["deadlines?", "hạn"],
    ["products?", "sản phẩm"],
    ["reports?", "báo cáo"],
    ["plans?", "kế hoạch"],
    ["meetings?", "cuộc họp"],
    ["decisions?", "quyết định"],
    ["notices?", "thông báo"],
    ["targets?", "chỉ tiêu"],
    ["theme", "chủ đề"],
    ["ranking|rank", "xếp hạng"],
    ["provincial|province", "tỉnh"],
    ["national", "quốc gia"],
    ["what", "gì"],
    ["which", "nào"],
    ["who", "ai"],
    ["when", "khi nào"],
  ] as const
).map(([en, vi]) => [new RegExp(`(?<![\\p{L}\\p{N}])(?:${en})(?![\\p{L}\\p{N}])`, "giu"), vi] as const);

/** `text` with the domain's English terms in Vietnamese; unchanged when it has no English word. */
export function englishToVietnamese(text: string): string {
  // "CĐS day": the day, named half in English ("day" alone is also "đây").
  let s = text.replace(
    /(?<![\p{L}\p{N}])(?:cđs|cds|chuyển đổi số|chuyen doi so|digital)\s+day(?![\p{L}\p{N}])/giu,
    "Ngày Chuyển đổi số",
  );
  if (!ENGLISH_CUE.test(s)) return s;
  for (const [re, vi] of GLOSSARY) s = s.replace(re, vi);
  // "is", "are", "of" left between the Vietnamese words say nothing.
  return s
    .replace(/(?<![\p{L}\p{N}])(?:is|are|of|does|did|please)(?![\p{L}\p{N}])/giu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
