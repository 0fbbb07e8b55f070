// Server-side strings (error titles, CLI-facing text) in the five supported languages.
export const LANGUAGES = ['en', 'zh-CN', 'zh-TW', 'ru', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Picks the best supported language from an Accept-Language header. */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return 'en';
  const wanted = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-hant' || tag.startsWith('zh-hant')) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('ru')) return 'ru';
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

type Messages = Record<Language, string>;

export const ERROR_TITLES = {
  validation: {
    en: 'The request is not valid',
    'zh-CN': '请求无效',
    'zh-TW': '請求無效',
    ru: 'Некорректный запрос',
    fr: 'La requête n’est pas valide',
  },
  unauthorized: {
    en: 'Sign-in required',
    'zh-CN': '需要登录',
    'zh-TW': '需要登入',
    ru: 'Требуется вход',
    fr: 'Connexion requise',
  },
  forbidden: {
    en: 'You may not do this',
    'zh-CN': '您无权执行此操作',
    'zh-TW': '您無權執行此操作',
    ru: 'Недостаточно прав',
    fr: 'Vous n’avez pas le droit de faire cela',
  },
  not_found: {
    en: 'Not found',
    'zh-CN': '未找到',
    'zh-TW': '找不到',
    ru: 'Не найдено',
    fr: 'Introuvable',
  },
  conflict: {
    en: 'The record was changed by someone else',
    'zh-CN': '记录已被他人修改',
    'zh-TW': '記錄已被他人修改',
    ru: 'Запись изменена другим пользователем',
    fr: 'L’enregistrement a été modifié par quelqu’un d’autre',
  },
  duplicate: {
    en: 'Already exists',
    'zh-CN': '已存在',
    'zh-TW': '已存在',
    ru: 'Уже существует',
    fr: 'Existe déjà',
  },
  payload_too_large: {
    en: 'The upload is too large',
    'zh-CN': '上传内容过大',
    'zh-TW': '上傳內容過大',
    ru: 'Слишком большой файл',
    fr: 'Le fichier est trop volumineux',
  },
  unsupported_media_type: {
    en: 'Unsupported content type',
    'zh-CN': '不支持的内容类型',
    'zh-TW': '不支援的內容類型',
    ru: 'Неподдерживаемый тип содержимого',
    fr: 'Type de contenu non pris en charge',
  },
  rate_limited: {
    en: 'Too many attempts, try again later',
    'zh-CN': '尝试次数过多,请稍后再试',
    'zh-TW': '嘗試次數過多,請稍後再試',
    ru: 'Слишком много попыток, повторите позже',
    fr: 'Trop de tentatives, réessayez plus tard',
  },
  internal: {
    en: 'Something went wrong on our side',
    'zh-CN': '服务器内部错误',
    'zh-TW': '伺服器內部錯誤',
    ru: 'Внутренняя ошибка сервера',
    fr: 'Une erreur interne est survenue',
  },
} satisfies Record<string, Messages>;
