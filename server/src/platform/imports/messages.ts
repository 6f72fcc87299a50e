/** API messages of the import engine (merged into the platform catalogs). */
export const importsTr = {
  'imports.kind_unavailable': "'{kind}' içe aktarımı bu sürümde yok.",
  'imports.file_required': 'Bir dosya yükleyin (CSV ya da XLSX).',
  'imports.file_too_large': 'Dosya çok büyük; en fazla {limit} MB yüklenebilir.',
  'imports.empty_file': 'Dosya boş.',
  'imports.malformed_file': 'Dosya okunamadı: {reason}',
  'imports.unsupported_file': 'Eski Excel (.xls) dosyaları okunamıyor; dosyayı XLSX ya da CSV olarak kaydedin.',
  'imports.unknown_sheet': "'{sheet}' adında bir sayfa yok.",
  'imports.invalid_json': 'Geçerli bir JSON nesnesi olmalı.',
  'imports.unknown_field': 'Böyle bir alan yok.',
  'imports.unknown_header': "Dosyada '{header}' başlıklı bir sütun yok.",
  'imports.field_required': 'Bu alan için bir sütun seçin.',
  'imports.upload_missing': 'Yüklenen dosya bulunamadı; içe aktarımı yeniden başlatın.',
  'imports.failed': 'İçe aktarım beklenmeyen bir hatayla durdu (iş {jobId}).',
  'imports.reason_column': 'Ret nedeni',
} as const;

export const importsEn: Record<keyof typeof importsTr, string> = {
  'imports.kind_unavailable': "Importing '{kind}' is not available in this version.",
  'imports.file_required': 'Upload a file (CSV or XLSX).',
  'imports.file_too_large': 'The file is too large; at most {limit} MB can be uploaded.',
  'imports.empty_file': 'The file is empty.',
  'imports.malformed_file': 'The file could not be read: {reason}',
  'imports.unsupported_file': 'Old Excel (.xls) files cannot be read; save the file as XLSX or CSV.',
  'imports.unknown_sheet': "There is no sheet named '{sheet}'.",
  'imports.invalid_json': 'Must be a valid JSON object.',
  'imports.unknown_field': 'There is no such field.',
  'imports.unknown_header': "The file has no column headed '{header}'.",
  'imports.field_required': 'Choose a column for this field.',
  'imports.upload_missing': 'The uploaded file is gone; start the import again.',
  'imports.failed': 'The import stopped on an unexpected error (job {jobId}).',
  'imports.reason_column': 'Reason',
};
