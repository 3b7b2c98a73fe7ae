import { FileInput, Loader } from '@mantine/core';
import { IconCheck, IconPaperclip } from '@tabler/icons-react';
import { useRef, useState } from 'react';
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
  onUploading?: (busy: boolean) => void;
}

/**
 * A "file" question: the chosen file is uploaded at once (the server checks
 * its type and size) and the answer becomes the stored file; the order names it.
 */
export function AnswerFileInput({ label, description, required, error, testId, value, onChange, onUploading }: AnswerFileInputProps) {
  const { t } = useTranslation('catalog');
  const format = useCatalogFormat();
  const uploadFile = useUploadAnswerFile();
  const [file, setFile] = useState<File | null>(null);
  const latest = useRef<File | null>(null);
  const choose = (chosen: File | null) => {
    latest.current = chosen;
    setFile(chosen);
    onChange(undefined);
    uploadFile.reset();
    onUploading?.(chosen !== null);
    if (!chosen) return;
    uploadFile.mutate(chosen, {
      // A later choice replaces this one: only the latest file's result counts.
      onSuccess: (answer) => latest.current === chosen && onChange(answer),
      onError: () => latest.current === chosen && setFile(null),
      onSettled: () => latest.current === chosen && onUploading?.(false),
    });
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
