/** API messages of messaging's templates (merged into the platform catalogs through ../messages). */
export const templatesTr = {
  'messaging.template_unknown_variable': '{field} alanında bilinmeyen değişken: {name}',
  'messaging.template_unknown_helper': '{field} alanında bilinmeyen yardımcı: {name} (yalnızca #if ve #unless kullanılabilir)',
  'messaging.template_syntax': '{field} alanında yazım hatası, satır {line}: süslü parantezleri kontrol edin.',
  'messaging.template_condition': '{field} alanında, satır {line}: koşul tek bir değişken almalı, ör. {{#if points}}.',
  'messaging.template_raw_html': '{field} alanında {{{{name}}}} kaçışsız HTML olur; {{{name}}} kullanın.',
  'messaging.template_unsupported': '{field} alanında, satır {line}: parçalı şablonlar (partials) ve dekoratörler desteklenmez.',
  'messaging.template_unknown_brand': 'Marka bulunamadı.',
  'messaging.template_name_taken': 'Bu kanalda aynı adla bir şablon zaten var.',
  'messaging.template_archived': 'Arşivlenmiş şablon düzenlenemez.',
  'messaging.template_source_required': 'Önizleme için bir şablon ya da şablon kimliği gönderin.',
} as const;

export const templatesEn: Record<keyof typeof templatesTr, string> = {
  'messaging.template_unknown_variable': 'Unknown variable in {field}: {name}',
  'messaging.template_unknown_helper': 'Unknown helper in {field}: {name} (only #if and #unless are allowed)',
  'messaging.template_syntax': 'Syntax error in {field}, line {line}: check the curly braces.',
  'messaging.template_condition': 'In {field}, line {line}: a condition takes one variable, e.g. {{#if points}}.',
  'messaging.template_raw_html': 'In {field}, {{{{name}}}} would insert unescaped HTML; use {{{name}}}.',
  'messaging.template_unsupported': 'In {field}, line {line}: partials and decorators are not supported.',
  'messaging.template_unknown_brand': 'Brand not found.',
  'messaging.template_name_taken': 'A template with this name already exists on this channel.',
  'messaging.template_archived': 'An archived template cannot be edited.',
  'messaging.template_source_required': 'Send a template or a template id to preview.',
};
