import { useParams } from '@tanstack/react-router';
import { reportPageAt } from './report-pages.ts';

/** The page registered at `/reports/<path>` ('' for the module's first screen), loaded on first visit. */
function ReportPageView({ path }: { path: string }) {
  const found = reportPageAt(path);
  const Page = found && 'component' in found ? found.component : undefined;
  return Page ? <Page /> : null;
}

/** `/reports`: the first registered page. */
export function FirstReportPage() {
  return <ReportPageView path="" />;
}

/** `/reports/$page`. */
export function RegisteredReportPage() {
  const { page } = useParams({ strict: false });
  return <ReportPageView path={page ?? ''} />;
}
