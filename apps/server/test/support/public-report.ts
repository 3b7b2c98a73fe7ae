import type { Client } from '../harness.ts';

export const DEMO_FORM = 'kominfo-bukittinggi';

let counter = 0;

/**
 * Files a Lapor Gangguan report as a member of the public: fetches the form,
 * lets `clock` move past the minimum fill time, sends it. Each call comes from
 * another address and phone unless given.
 */
export async function fileReport(
  anonymous: Client,
  clock: { advance(ms: number): void },
  fields: Record<string, string> = {},
  files: { field: string; name: string; type: string; data: Buffer }[] = [],
): Promise<{ number: string; trackingCode: string }> {
  counter++;
  const ip = `203.0.113.${(counter % 250) + 1}`;
  const form = await anonymous.get(`/api/v1/public/${DEMO_FORM}/form`, { 'x-forwarded-for': ip });
  if (form.status !== 200) throw new Error(`form: ${form.status} ${form.text}`);
  clock.advance(10_000);
  const res = await anonymous.postForm(
    `/api/v1/public/${DEMO_FORM}/reports`,
    {
      fields: {
        name: 'Rahmat Hidayat',
        phone: `0812-8800-${String(counter).padStart(4, '0')}`,
        address: 'Jl. Sudirman No. 5',
        kelurahan: 'Benteng Pasar Atas',
        kecamatan: 'Guguk Panjang',
        description: 'Wi-Fi publik di Taman Jam Gadang mati sejak pagi.',
        formToken: form.body.formToken,
        ...fields,
      },
      files,
    },
    { 'x-forwarded-for': ip },
  );
  if (res.status !== 201) throw new Error(`report: ${res.status} ${res.text}`);
  return res.body;
}
