/**
 * Progress commands: export it to a file, import an exported file (merged,
 * after confirming), clear it (a copy kept), show a summary.
 */
import { Notification, showErrorMessage } from '@jupyterlab/apputils';
import {
  downloadIcon,
  fileUploadIcon,
  listIcon
} from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { CourseModel } from '../course/model';
import {
  ProgressError,
  currentProgress,
  mergeProgress,
  migrateProgress
} from '../course/progress';
import { ProgressSync } from '../course/sync';
import { CommandIDs } from '../tokens';
import { confirmClear, confirmImport, showSummary } from '../ui/dialogs';
import { download, pickFile } from '../ui/dom';
import { Trans } from '../ui/translation';

export function addProgressCommands(
  commands: CommandRegistry,
  model: CourseModel,
  sync: ProgressSync,
  trans: Trans
): void {
  commands.addCommand(CommandIDs.exportProgress, {
    label: trans.__('Export Progress'),
    caption: trans.__('Save your progress as a JSON file'),
    icon: downloadIcon,
    execute: () => {
      const name = exportProgress(model);
      Notification.info(trans.__('Progress saved as %1', name), {
        autoClose: 4000
      });
    }
  });
  commands.addCommand(CommandIDs.importProgress, {
    label: trans.__('Import Progress…'),
    caption: trans.__('Bring back progress from an exported JSON file'),
    icon: fileUploadIcon,
    describedBy: {
      args: {
        type: 'object',
        properties: {
          text: {
            type: 'string',
            description: 'The file content (otherwise a file is picked)'
          }
        }
      }
    },
    execute: async args => {
      const text = (args.text as string) ?? (await pickFile());
      if (text === null) {
        return;
      }
      try {
        if ((await importProgressText(model, text, trans)) === 'imported') {
          Notification.success(trans.__('Progress imported.'), {
            autoClose: 4000
          });
        }
      } catch (error) {
        if (error instanceof ProgressError) {
          await showErrorMessage(
            trans.__('This file cannot be imported'),
            trans.__('Nothing was changed: %1.', error.message)
          );
          return;
        }
        throw error;
      }
    }
  });
  commands.addCommand(CommandIDs.clearProgress, {
    label: trans.__('Clear Progress…'),
    caption: trans.__(
      'Start the course over on this machine (a copy of your progress is kept)'
    ),
    execute: async () => {
      if (!(await confirmClear(trans))) {
        return;
      }
      const keptAs = sync.clear();
      Notification.info(
        trans.__('Progress cleared; the old one is kept under "%1".', keptAs),
        { autoClose: 5000 }
      );
    }
  });
  commands.addCommand(CommandIDs.showSummary, {
    label: trans.__('Progress Summary'),
    caption: trans.__('A summary of your progress to show an instructor'),
    icon: listIcon,
    execute: () => showSummary(model, trans)
  });
}

/** Download the progress as a JSON file; returns the file's name. */
export function exportProgress(model: CourseModel): string {
  const name = `asyncio-lab-progress-${new Date().toISOString().slice(0, 10)}.json`;
  download(
    name,
    JSON.stringify(currentProgress(model), null, 2),
    'application/json'
  );
  return name;
}

/**
 * Read an exported progress file, validate it, ask, and merge it in.
 * Returns what happened, for the caller to report.
 */
export async function importProgressText(
  model: CourseModel,
  text: string,
  trans: Trans
): Promise<'imported' | 'cancelled'> {
  if (text.length > 5_000_000) {
    throw new ProgressError(
      trans.__(
        'the file is larger than any progress file (%1 bytes)',
        text.length
      )
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ProgressError(
      trans.__('the file is not JSON (%1)', (error as Error).message)
    );
  }
  const migrated = migrateProgress(data, model.course.id);
  // A file saved under an older layout of the course: its entries under
  // former exercise ids count for the exercises' current ids.
  const incoming = { ...migrated, exercises: model.moved(migrated.exercises) };
  const mine = currentProgress(model);
  const merged = mergeProgress(mine, incoming);
  const known = Object.keys(incoming.exercises).filter(id =>
    model.lessonOfExercise(id)
  );
  const passed = known.filter(
    id => incoming.exercises[id].status === 'passed'
  ).length;
  if (!(await confirmImport(trans, known.length, passed))) {
    return 'cancelled';
  }
  model.restore(merged.exercises);
  return 'imported';
}
