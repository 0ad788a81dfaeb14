// A SurveyJS definition rendered by the SurveyJS form library (survey-core,
// survey-react-ui): the respondent's page and the editor's live preview.
// Loaded lazily, so the rest of the application does not carry its weight.
import { useEffect, useMemo } from 'react';
import { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
// The fontless build: the default one loads Open Sans from Google, off-site.
import 'survey-core/survey-core.fontless.css';

export interface SurveyFormProps {
  definition: Record<string, unknown>;
  locale?: string;
  /** Called with the answers when the respondent completes the survey; preview mode when absent. */
  onComplete?: (answers: Record<string, unknown>, locale: string) => Promise<string | null>;
  /** Answers saved earlier (an invitation link resumed). */
  initialData?: Record<string, unknown> | null;
  /** Called with the answers so far after each change (an invitation link saves them). */
  onProgress?: (answers: Record<string, unknown>, locale: string) => void;
}

/** Renders the survey; onComplete answers null on success or the error text to show. */
export default function SurveyForm({ definition, locale, onComplete, initialData, onProgress }: SurveyFormProps) {
  const model = useMemo(() => {
    const m = new Model(definition);
    if (locale) m.locale = locale;
    if (initialData) m.data = initialData;
    return m;
  }, [definition, locale, initialData]);

  useEffect(() => {
    if (!onProgress) return;
    const handler = (sender: Model) => onProgress(sender.data as Record<string, unknown>, sender.locale || '');
    model.onValueChanged.add(handler);
    return () => {
      model.onValueChanged.remove(handler);
    };
  }, [model, onProgress]);

  useEffect(() => {
    if (!onComplete) {
      model.showCompletedPage = false;
      return;
    }
    const handler = (sender: Model, options: { showSaveInProgress: (t?: string) => void; showSaveSuccess: (t?: string) => void; showSaveError: (t?: string) => void }) => {
      options.showSaveInProgress('Sending your answers…');
      onComplete(sender.data as Record<string, unknown>, sender.locale || '').then((error) => {
        if (error) options.showSaveError(error);
        else options.showSaveSuccess('Your answers have been recorded. Thank you.');
      });
    };
    model.onComplete.add(handler);
    return () => {
      model.onComplete.remove(handler);
    };
  }, [model, onComplete]);

  return <Survey model={model} />;
}
