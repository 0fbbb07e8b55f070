// The composer's rich-text editor (TipTap): bold, italic, lists, links, quotes, code and inline
// images (pasted, dropped or picked, uploaded first). Loaded on demand: only the ticket page needs it.
import { ActionIcon, Button, Group, Popover, TextInput, Tooltip } from '@mantine/core';
// One module per icon, so only these few enter the (lazily loaded) editor chunk.
import IconBlockquote from '@tabler/icons-react/icons/IconBlockquote';
import IconBold from '@tabler/icons-react/icons/IconBold';
import IconCode from '@tabler/icons-react/icons/IconCode';
import IconItalic from '@tabler/icons-react/icons/IconItalic';
import IconLink from '@tabler/icons-react/icons/IconLink';
import IconList from '@tabler/icons-react/icons/IconList';
import IconListNumbers from '@tabler/icons-react/icons/IconListNumbers';
import IconPhoto from '@tabler/icons-react/icons/IconPhoto';
import Image from '@tiptap/extension-image';
import { Placeholder } from '@tiptap/extensions';
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { type ReactElement, type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface RichEditorHandle {
  focus(): void;
  /** Replaces the whole content (a signature when switching to a reply, empty once sent). */
  setHtml(html: string): void;
}

export interface RichEditorProps {
  html: string;
  label: string;
  disabled?: boolean;
  invalid?: boolean;
  onChange(html: string, text: string): void;
  onSubmit(): void;
  /** Uploads an image; resolves to the URL to show it with. Without it, no image can be added. */
  uploadImage?: ((file: File) => Promise<string>) | undefined;
  /** Files that are not images join the message's attachments. */
  onFiles?: ((files: File[]) => void) | undefined;
  ref?: Ref<RichEditorHandle>;
}

/** Toolbar icons draw with `currentColor`, so they follow the button's (light or dark) text color. */
const ICON = { size: 16, stroke: 1.75, 'aria-hidden': true } as const;

const isImage = (f: File) => /^image\/(png|jpeg|gif|webp)$/.test(f.type);

function insertImages(editor: Editor, files: File[], upload: (f: File) => Promise<string>, pos?: number) {
  for (const file of files) {
    void upload(file).then(
      (src) => {
        const chain = editor.chain().focus();
        (pos !== undefined
          ? chain.insertContentAt(pos, { type: 'image', attrs: { src, alt: file.name } })
          : chain.setImage({ src, alt: file.name })
        ).run();
      },
      () => {
        // The composer shows the upload's problem.
      },
    );
  }
}

export default function RichEditor({
  html,
  label,
  disabled,
  invalid,
  onChange,
  onSubmit,
  uploadImage,
  onFiles,
  ref,
}: RichEditorProps): ReactElement {
  // The editor is made once; its handlers read the latest props through this.
  const props = useRef({ onChange, onSubmit, uploadImage, onFiles });
  props.current = { onChange, onSubmit, uploadImage, onFiles };
  const editorRef = useRef<Editor | null>(null);

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        horizontalRule: false,
        link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
      }),
      Image.configure({ inline: false, allowBase64: false }),
      Placeholder.configure({ placeholder: label }),
    ],
    content: html,
    editable: !disabled,
    immediatelyRender: true,
    editorProps: {
      attributes: {
        'aria-label': label,
        'aria-multiline': 'true',
        role: 'textbox',
        'data-rich-editor': '',
        ...(invalid ? { 'aria-invalid': 'true' } : {}),
      },
      handleKeyDown: (_view, event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          props.current.onSubmit();
          return true;
        }
        return false;
      },
      handlePaste: (_view, event) => {
        const files = Array.from(event.clipboardData?.files ?? []);
        const { uploadImage: upload, onFiles: attach } = props.current;
        if (!files.length || !editorRef.current) return false;
        event.preventDefault();
        if (upload) insertImages(editorRef.current, files.filter(isImage), upload);
        const others = files.filter((f) => !isImage(f));
        if (others.length) attach?.(others);
        return true;
      },
      handleDrop: (view, event, _slice, moved) => {
        const files = Array.from(event.dataTransfer?.files ?? []);
        const { uploadImage: upload, onFiles: attach } = props.current;
        if (moved || !files.length || !editorRef.current) return false;
        event.preventDefault();
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
        if (upload) insertImages(editorRef.current, files.filter(isImage), upload, at);
        const others = files.filter((f) => !isImage(f));
        if (others.length) attach?.(others);
        return true;
      },
    },
    onUpdate: ({ editor: e }) => {
      props.current.onChange(e.isEmpty ? '' : e.getHTML(), e.getText());
    },
  });
  editorRef.current = editor;
  useEffect(() => {
    editor?.setEditable(!disabled);
  }, [editor, disabled]);

  // A handle kept across a re-render may outlive its editor (destroyed, or not yet there): then
  // nothing happens rather than an error that takes the page down.
  const live = () => (editor && !editor.isDestroyed ? editor : null);
  useImperativeHandle(ref, () => ({
    focus: () => live()?.commands.focus('start'),
    setHtml: (next) => {
      live()?.commands.setContent(next, { emitUpdate: false });
    },
  }));

  return (
    <div
      style={{
        border: `1px solid ${invalid ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-gray-4)'}`,
        borderRadius: 4,
        background: 'var(--mantine-color-body)',
      }}
    >
      {editor && <Toolbar editor={editor} disabled={disabled} uploadImage={uploadImage} />}
      <EditorContent editor={editor} className="caseway-rich-editor" />
      <style>{EDITOR_CSS}</style>
    </div>
  );
}

const EDITOR_CSS = `
.caseway-rich-editor .tiptap { min-height: 5.5em; max-height: 24em; overflow-y: auto; padding: 6px 10px; outline: none; font-size: var(--mantine-font-size-sm); }
.caseway-rich-editor .tiptap:focus-visible { box-shadow: inset 0 0 0 2px var(--mantine-color-indigo-5); }
.caseway-rich-editor .tiptap p { margin: 0 0 0.4em; }
.caseway-rich-editor .tiptap blockquote { margin: 0.4em 0; padding-left: 0.8em; border-left: 3px solid var(--mantine-color-gray-4); color: var(--mantine-color-gray-8); }
.caseway-rich-editor .tiptap pre { background: var(--mantine-color-gray-1); padding: 6px; border-radius: 4px; }
.caseway-rich-editor .tiptap img { max-width: 100%; max-height: 320px; }
.caseway-rich-editor .tiptap p.is-editor-empty:first-child::before { content: attr(data-placeholder); float: left; height: 0; pointer-events: none; color: var(--mantine-color-gray-7); }
`;

function Toolbar({
  editor,
  disabled,
  uploadImage,
}: {
  editor: Editor;
  disabled?: boolean | undefined;
  uploadImage?: ((file: File) => Promise<string>) | undefined;
}): ReactElement {
  const { t } = useTranslation('composer');
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      code: e.isActive('code') || e.isActive('codeBlock'),
      link: e.isActive('link'),
    }),
  });
  const picker = useRef<HTMLInputElement>(null);
  const buttons: Array<{
    key: string;
    label: string;
    icon: ReactElement;
    active: boolean;
    run(): void;
  }> = [
    {
      key: 'bold',
      label: t('bold'),
      icon: <IconBold {...ICON} />,
      active: state.bold,
      run: () => editor.chain().focus().toggleBold().run(),
    },
    {
      key: 'italic',
      label: t('italic'),
      icon: <IconItalic {...ICON} />,
      active: state.italic,
      run: () => editor.chain().focus().toggleItalic().run(),
    },
    {
      key: 'bulletList',
      label: t('bulletList'),
      icon: <IconList {...ICON} />,
      active: state.bulletList,
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      key: 'orderedList',
      label: t('orderedList'),
      icon: <IconListNumbers {...ICON} />,
      active: state.orderedList,
      run: () => editor.chain().focus().toggleOrderedList().run(),
    },
    {
      key: 'quote',
      label: t('quote'),
      icon: <IconBlockquote {...ICON} />,
      active: state.blockquote,
      run: () => editor.chain().focus().toggleBlockquote().run(),
    },
    {
      key: 'code',
      label: t('code'),
      icon: <IconCode {...ICON} />,
      active: state.code,
      // A selection inside one line becomes inline code; otherwise a code block.
      run: () => {
        const { from, to, $from, $to } = editor.state.selection;
        const inline = from !== to && $from.sameParent($to);
        if (inline || editor.isActive('code')) editor.chain().focus().toggleCode().run();
        else editor.chain().focus().toggleCodeBlock().run();
      },
    },
  ];
  return (
    <Group
      gap={2}
      p={4}
      role="toolbar"
      aria-label={t('toolbar')}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
    >
      {buttons.map((b) => (
        <Tooltip key={b.key} label={b.label} openDelay={400}>
          <ActionIcon
            variant={b.active ? 'filled' : 'subtle'}
            color={b.active ? 'indigo' : 'dark'}
            c={b.active ? undefined : 'var(--mantine-color-text)'}
            size="sm"
            aria-label={b.label}
            aria-pressed={b.active}
            disabled={disabled}
            onMouseDown={(e) => e.preventDefault()}
            onClick={b.run}
          >
            {b.icon}
          </ActionIcon>
        </Tooltip>
      ))}
      <LinkButton editor={editor} active={state.link} disabled={disabled} />
      {uploadImage && (
        <>
          <Tooltip label={t('image')} openDelay={400}>
            <ActionIcon
              variant="subtle"
              color="dark"
              c="var(--mantine-color-text)"
              size="sm"
              aria-label={t('image')}
              disabled={disabled}
              onClick={() => picker.current?.click()}
            >
              <IconPhoto {...ICON} />
            </ActionIcon>
          </Tooltip>
          <input
            ref={picker}
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            hidden
            tabIndex={-1}
            aria-hidden
            onChange={(e) => {
              insertImages(editor, Array.from(e.currentTarget.files ?? []), uploadImage);
              e.currentTarget.value = '';
            }}
          />
        </>
      )}
    </Group>
  );
}

function LinkButton({
  editor,
  active,
  disabled,
}: {
  editor: Editor;
  active: boolean;
  disabled?: boolean | undefined;
}): ReactElement {
  const { t } = useTranslation('composer');
  const [opened, setOpened] = useState(false);
  const [url, setUrl] = useState('');
  const apply = () => {
    const href = url.trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    if (!href) chain.unsetLink().run();
    else chain.setLink({ href: /^(https?:|mailto:)/i.test(href) ? href : `https://${href}` }).run();
    setOpened(false);
  };
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus position="bottom-start" withinPortal>
      <Popover.Target>
        <Tooltip label={t('link')} openDelay={400} disabled={opened}>
          <ActionIcon
            variant={active ? 'filled' : 'subtle'}
            color={active ? 'indigo' : 'dark'}
            c={active ? undefined : 'var(--mantine-color-text)'}
            size="sm"
            aria-label={t('link')}
            aria-pressed={active}
            disabled={disabled}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setUrl((editor.getAttributes('link').href as string | undefined) ?? '');
              setOpened((o) => !o);
            }}
          >
            <IconLink {...ICON} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <TextInput
            size="xs"
            label={t('linkUrl')}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            placeholder="https://"
            data-autofocus
          />
          <Group gap="xs" mt="xs">
            <Button size="xs" type="submit">
              {t('linkApply')}
            </Button>
            {active && (
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  editor.chain().focus().extendMarkRange('link').unsetLink().run();
                  setOpened(false);
                }}
              >
                {t('linkRemove')}
              </Button>
            )}
          </Group>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
