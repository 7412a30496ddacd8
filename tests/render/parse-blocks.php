<?php
// SPDX-License-Identifier: GPL-3.0-or-later
//
// WordPress's own block parser, the judge of Feuillet's block markup: reads block markup on
// standard input and prints one line per block, "name" nested with two spaces a level, or
// "FREEFORM: <html>" for content WordPress would open as a Classic block. Whitespace between
// blocks is not content (WordPress's editor drops it too).
//
//   php parse-blocks.php WP_INCLUDES_DIR < blocks.html

$includes = $argv[1] ?? '/usr/share/wordpress/wp-includes';
require $includes . '/class-wp-block-parser-block.php';
require $includes . '/class-wp-block-parser-frame.php';
require $includes . '/class-wp-block-parser.php';

function report(array $blocks, int $depth): void
{
    foreach ($blocks as $block) {
        $indent = str_repeat('  ', $depth);
        if ($block['blockName'] === null) {
            if (trim($block['innerHTML']) !== '') {
                echo $indent, 'FREEFORM: ', json_encode($block['innerHTML'], JSON_UNESCAPED_UNICODE), "\n";
            }
            continue;
        }
        echo $indent, $block['blockName'], ' ', json_encode($block['attrs'], JSON_UNESCAPED_UNICODE), "\n";
        report($block['innerBlocks'], $depth + 1);
    }
}

$parser = new WP_Block_Parser();
report($parser->parse(stream_get_contents(STDIN)), 0);
