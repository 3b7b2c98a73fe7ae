import { FileInput, Loader } from '@mantine/core';
import { IconCheck, IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FileAnswer, useUploadAnswerFile } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';

interface AnswerFileInputProps {
  label: string;
  description?: string;
  required: boolean;
  error?: string;
  testId: string;
  value: FileAnswer | undefined;
  onChange: (value: FileAnswer | undefined) => void;
}

/**
 * A "file" question: the chosen file is uploaded at once (the server checks
 * its type and size) and the answer becomes the stored file; the order names it.
 */
export function AnswerFileInput({ label, description, required, error, testId, value, onChange }: AnswerFileInputProps) {
  const { t } = useTranslation('catalog');
  const format = useCatalogFormat();
  const uploadFile = useUploadAnswerFile();
  const [file, setFile] = useState<File | null>(null);
  const choose = (chosen: File | null) => {
    setFile(chosen);
    onChange(undefined);
    uploadFile.reset();
    if (chosen) uploadFile.mutate(chosen, { onSuccess: onChange, onError: () => setFile(null) });
  };
  const status = uploadFile.isPending
    ? t('order.fileUploading')
    : value
      ? t('order.fileUploaded', { size: format.fileSize(value.size) })
      : undefined;
  return (
    <FileInput
      label={label}
      description={[description, status].filter(Boolean).join(' · ') || undefined}
      required={required}
      error={uploadFile.error?.message ?? error}
      placeholder={t('order.filePlaceholder')}
      clearable
      value={file}
      onChange={choose}
      leftSection={uploadFile.isPending ? <Loader size={14} /> : value ? <IconCheck size={16} /> : <IconPaperclip size={16} />}
      data-testid={testId}
    />
  );
}
