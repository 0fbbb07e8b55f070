// `?` shows the keyboard shortcuts; each page registers its own keys with Mantine's useHotkeys.
import { Kbd, Modal, Table } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const SHORTCUTS: Array<{ keys: string[]; labelKey: string }> = [
  { keys: ['j', 'k'], labelKey: 'shortcuts.moveInList' },
  { keys: ['Enter'], labelKey: 'shortcuts.open' },
  { keys: ['x'], labelKey: 'shortcuts.select' },
  { keys: ['r'], labelKey: 'shortcuts.reply' },
  { keys: ['n'], labelKey: 'shortcuts.note' },
  { keys: ['a'], labelKey: 'shortcuts.assignToMe' },
  { keys: ['m'], labelKey: 'shortcuts.macro' },
  { keys: ['Ctrl', 'Shift', 'M'], labelKey: 'shortcuts.macroWhileWriting' },
  { keys: ['/'], labelKey: 'shortcuts.search' },
  { keys: ['?'], labelKey: 'shortcuts.help' },
];

export function ShortcutsHelp(): ReactElement {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // The hotkey matcher compares the key produced (`?`), not the key cap (`/`); the shift state depends on
  // the keyboard layout, so both forms open the help.
  useHotkeys(
    [
      ['shift+?', () => setOpen(true)],
      ['?', () => setOpen(true)],
    ],
    ['INPUT', 'TEXTAREA', 'SELECT'],
  );
  return (
    <Modal opened={open} onClose={() => setOpen(false)} title={t('shortcuts.title')}>
      <Table>
        <Table.Tbody>
          {SHORTCUTS.map((s) => (
            <Table.Tr key={s.labelKey}>
              <Table.Td>
                {s.keys.map((k) => (
                  <Kbd key={k} mr={4}>
                    {k}
                  </Kbd>
                ))}
              </Table.Td>
              <Table.Td>{t(s.labelKey)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
